package de.nachruecker.events.offer;

import java.time.Instant;
import java.util.UUID;

/** A citizen accepted or declined an open offer. */
public record OfferAnswered(
        UUID eventId, Instant occurredAt, String offerId, String releaseId, String candidateId, Answer answer)
        implements OfferAnswerEvent {

    public static final String TYPE = "OfferAnswered.v1";

    public enum Answer { ACCEPT, DECLINE }
}
