package de.nachruecker.events.offer;

import java.time.Instant;
import java.util.UUID;

/**
 * The candidate accepted in time and got one of the release's doses: an appointment in the window.
 *
 * @param reference the appointment's short reference ({@link AppointmentReference}), which the citizen names at the
 *                  centre. v2 added it; a v1 event (still on the topic from before) gets the same derived value.
 */
public record OfferConfirmed(
        UUID eventId, Instant occurredAt, String releaseId, String offerId, String candidateId, String centreId,
        Instant windowFrom, Instant windowTo, String reference) implements OfferEvent {

    public static final String TYPE = "OfferConfirmed.v2";
    /** Read from topics written before v2: the same event without {@code reference}. */
    public static final String TYPE_V1 = "OfferConfirmed.v1";

    public OfferConfirmed {
        if (reference == null && offerId != null) {
            reference = AppointmentReference.of(offerId);
        }
    }
}
