package de.nachruecker.events.offer;

import java.time.Instant;
import java.util.UUID;

/** The candidate accepted, but every dose was already taken; the candidate keeps their place in the queue. */
public record OfferRejectedTooLate(
        UUID eventId, Instant occurredAt, String releaseId, String offerId, String candidateId) implements OfferEvent {

    public static final String TYPE = "OfferRejectedTooLate.v1";
}
