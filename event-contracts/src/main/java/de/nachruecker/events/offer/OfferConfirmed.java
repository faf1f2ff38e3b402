package de.nachruecker.events.offer;

import java.time.Instant;
import java.util.UUID;

/** The candidate accepted in time and got one of the release's doses: an appointment in the window. */
public record OfferConfirmed(
        UUID eventId, Instant occurredAt, String releaseId, String offerId, String candidateId, String centreId,
        Instant windowFrom, Instant windowTo) implements OfferEvent {

    public static final String TYPE = "OfferConfirmed.v1";
}
