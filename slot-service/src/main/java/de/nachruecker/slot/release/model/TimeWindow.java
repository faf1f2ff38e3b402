package de.nachruecker.slot.release.model;

import java.time.Instant;
import java.util.Objects;

/** When freed appointments can be taken: arrive no earlier than {@code from}, no later than {@code to}. */
public record TimeWindow(Instant from, Instant to) {

    public TimeWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
