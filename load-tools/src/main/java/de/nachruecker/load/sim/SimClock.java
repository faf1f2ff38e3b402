package de.nachruecker.load.sim;

import java.time.Duration;
import java.time.Instant;

/** Maps the scenario's day onto the real clock the services run on, {@code compression} times faster. */
public record SimClock(Instant realStart, int compression) {

    /** Real instant at which {@code dayTime} (from the start of the day) happens. */
    public Instant realAt(Duration dayTime) {
        return realStart.plus(real(dayTime));
    }

    /** A real-world duration as it passes in the compressed run. */
    public Duration real(Duration dayDuration) {
        return dayDuration.dividedBy(compression);
    }

    /** A duration measured in the run, in the day's terms. */
    public Duration day(Duration realDuration) {
        return realDuration.multipliedBy(compression);
    }
}
