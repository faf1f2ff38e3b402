package de.nachruecker.registration.ratelimit.model;

import java.time.Duration;

/** Too many requests of one kind from one client address or for one phone number; try again after {@code retryAfter}. */
public class RateLimitExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final LimitedAction action;
    private final Duration retryAfter;

    public RateLimitExceededException(LimitedAction action, Duration retryAfter) {
        super("rate limit of " + action + " reached; retry after " + retryAfter);
        this.action = action;
        this.retryAfter = retryAfter;
    }

    public LimitedAction action() {
        return action;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, at least 1, as the {@code Retry-After} header wants them. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
