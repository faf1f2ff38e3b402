package de.nachruecker.events.offer;

import java.time.Instant;
import java.util.UUID;

/** Usable-until passed with {@code dosesExpired} doses unconfirmed: recorded as wasted. */
public record DosesExpired(
        UUID eventId, Instant occurredAt, String releaseId, String centreId, String product, int dosesExpired)
        implements OfferEvent {

    public static final String TYPE = "DosesExpired.v1";
}
