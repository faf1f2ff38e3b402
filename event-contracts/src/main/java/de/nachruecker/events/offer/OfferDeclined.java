package de.nachruecker.events.offer;

import java.time.Instant;
import java.util.UUID;

/** The candidate declined the offer; the candidate keeps their place in the queue for other releases. */
public record OfferDeclined(
        UUID eventId, Instant occurredAt, String releaseId, String offerId, String candidateId) implements OfferEvent {

    public static final String TYPE = "OfferDeclined.v1";
}
