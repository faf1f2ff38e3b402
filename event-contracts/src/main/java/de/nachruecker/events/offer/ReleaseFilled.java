package de.nachruecker.events.offer;

import java.time.Instant;
import java.util.UUID;

/** Every dose of the release is confirmed to a candidate, or a correction lowered its count to the confirmed doses. */
public record ReleaseFilled(
        UUID eventId, Instant occurredAt, String releaseId, String centreId, int doseCount, int confirmed)
        implements OfferEvent {

    public static final String TYPE = "ReleaseFilled.v1";
}
