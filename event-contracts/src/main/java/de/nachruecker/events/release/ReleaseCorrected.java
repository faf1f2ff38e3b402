package de.nachruecker.events.release;

import java.time.Instant;
import java.util.UUID;

/** An operator corrected a release. Carries the full corrected values; the product cannot change. */
public record ReleaseCorrected(
        UUID eventId, Instant occurredAt, String releaseId, String centreId, int doseCount,
        AppointmentWindow window, Instant usableUntil) implements ReleaseEvent {

    public static final String TYPE = "ReleaseCorrected.v1";
}
