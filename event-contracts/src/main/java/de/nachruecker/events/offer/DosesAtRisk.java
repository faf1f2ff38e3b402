package de.nachruecker.events.offer;

import java.time.Instant;
import java.util.UUID;

/** For ops: usable-until is near and doses are still unconfirmed. */
public record DosesAtRisk(
        UUID eventId, Instant occurredAt, String releaseId, String centreId, String product, int dosesLeft,
        Instant usableUntil) implements OfferEvent {

    public static final String TYPE = "DosesAtRisk.v1";
}
