package de.nachruecker.load;

import java.time.Duration;

/** Ending the tools' background threads. */
public final class Threads {

    private Threads() {
    }

    /**
     * Waits up to {@code bound} for {@code thread}, already told to stop, to end. An interrupt of the caller ends the
     * wait and is kept, for the caller to see.
     */
    public static void awaitEnd(Thread thread, Duration bound) {
        try {
            thread.join(bound.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
