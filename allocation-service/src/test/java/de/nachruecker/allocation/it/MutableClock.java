package de.nachruecker.allocation.it;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/** A clock the tests move, so that deadlines pass without waiting. */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;
    private final AtomicReference<Hook> hook = new AtomicReference<>();

    /** Runs {@code action} once, at the first reading of the clock on {@code thread} at which {@code when} holds. */
    private record Hook(Thread thread, BooleanSupplier when, Runnable action) {
    }

    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public void advance(Duration duration) {
        now.updateAndGet(instant -> instant.plus(duration));
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    /**
     * Lets a test step in at a chosen moment of work running on this thread (e.g. in the middle of a wave): at the
     * first reading of the clock on this thread at which {@code when} holds, {@code action} runs there, once.
     */
    public void onceOnThisThread(BooleanSupplier when, Runnable action) {
        hook.set(new Hook(Thread.currentThread(), when, action));
    }

    @Override
    public Instant instant() {
        Hook armed = hook.get();
        if (armed != null && armed.thread() == Thread.currentThread() && armed.when().getAsBoolean()
                && hook.compareAndSet(armed, null)) {
            armed.action().run();
        }
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
