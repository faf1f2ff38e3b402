package de.nachruecker.events.offer;

import java.time.Instant;
import java.util.UUID;

/**
 * A confirmed appointment was cancelled by its candidate: the dose went back to the release (which opens again and
 * sends the next wave while its vial clock allows), and the candidate is free again.
 *
 * @param reference the cancelled appointment's reference, as {@link OfferConfirmed} carried it
 */
public record OfferCancelled(
        UUID eventId, Instant occurredAt, String releaseId, String offerId, String candidateId, String centreId,
        String reference) implements OfferEvent {

    public static final String TYPE = "OfferCancelled.v1";
}
