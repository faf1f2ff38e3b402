package de.nachruecker.events.offer;

import java.time.Instant;
import java.util.UUID;

/** An open offer can no longer be accepted; {@code reason} says why. */
public record OfferExpired(
        UUID eventId, Instant occurredAt, String releaseId, String offerId, String candidateId, Reason reason)
        implements OfferEvent {

    public static final String TYPE = "OfferExpired.v1";

    public enum Reason {
        /** No answer before the answer deadline. */
        DEADLINE_PASSED,
        /** The candidate left the pool while the offer was open. */
        CANDIDATE_WITHDRAWN,
        /** The operator withdrew the release. */
        RELEASE_WITHDRAWN,
        /** Every dose of the release is taken. */
        RELEASE_FILLED,
        /** The doses are no longer usable. */
        RELEASE_EXPIRED,
        /** No message could reach the candidate (no contact left, or every channel failed), before the deadline. */
        UNDELIVERABLE
    }
}
