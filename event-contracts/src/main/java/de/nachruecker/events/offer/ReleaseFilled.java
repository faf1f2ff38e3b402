package de.nachruecker.events.offer;

import java.time.Instant;
import java.util.UUID;

/** Every dose of the release is confirmed to a candidate. */
public record ReleaseFilled(
        UUID eventId, Instant occurredAt, String releaseId, String centreId, int doseCount, int confirmed)
        implements OfferEvent {

    public static final String TYPE = "ReleaseFilled.v1";
}
