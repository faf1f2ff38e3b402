package de.nachruecker.events.release;

import java.time.Instant;

/** When the freed appointments can be taken at the centre: arrive no earlier than {@code from}, no later than {@code to}. */
public record AppointmentWindow(Instant from, Instant to) {

    public AppointmentWindow {
        if (from == null || to == null || !from.isBefore(to)) {
            throw new IllegalArgumentException("an appointment window needs from < to");
        }
    }
}
