package de.nachruecker.support.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * A clock the tests move, so that deadlines and back-offs pass without waiting: stopped at a given instant
 * ({@link #at}), or real time plus whatever a test skipped ahead ({@link #fromNow}, for a context whose broker and
 * database stamp real time too). Always in UTC, as the services work.
 */
public final class MutableClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<Hook> hook = new AtomicReference<>();

    /** Runs {@code action} once, at the first reading of the clock on {@code thread} at which {@code when} holds. */
    private record Hook(Thread thread, BooleanSupplier when, Runnable action) {
    }

    private MutableClock(Clock base) {
        this.base = base;
    }

    /** A clock that stands at {@code start} until a test moves it. */
    public static MutableClock at(Instant start) {
        return new MutableClock(Clock.fixed(start, ZoneOffset.UTC));
    }

    /** Real time, plus what the tests skip ahead. */
    public static MutableClock fromNow() {
        return new MutableClock(Clock.systemUTC());
    }

    public void advance(Duration duration) {
        offset.accumulateAndGet(duration, Duration::plus);
    }

    /** Puts the clock at {@code instant} (on a running clock: at that instant now, running on from there). */
    public void set(Instant instant) {
        offset.set(Duration.between(base.instant(), instant));
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
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The services work in UTC; a zone asked for is not taken (format with a zone of its own instead). */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
