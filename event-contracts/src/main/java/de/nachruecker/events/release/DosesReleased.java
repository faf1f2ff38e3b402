package de.nachruecker.events.release;

import java.time.Instant;
import java.util.UUID;

/**
 * A centre freed doses (cancellations, no-shows, a vial with doses left).
 *
 * @param product      vaccine product code from the catalogue, e.g. {@code COMIRNATY}
 * @param doseCount    how many doses are free
 * @param window       when candidates can be vaccinated
 * @param usableUntil  when the last dose must be given (vial in-use time); never after which a dose is wasted
 */
public record DosesReleased(
        UUID eventId, Instant occurredAt, String releaseId, String centreId, String product, int doseCount,
        AppointmentWindow window, Instant usableUntil) implements ReleaseEvent {

    public static final String TYPE = "DosesReleased.v1";
}
