package de.nachruecker.support.security;

import org.springframework.security.authentication.LockedException;

import java.time.Duration;

/**
 * A sign-in refused because its account or client address is backing off after failed sign-ins; the password was
 * not checked. An account-status exception, so that no other provider is asked either.
 */
public class SignInThrottledException extends LockedException {

    private final transient Duration retryAfter;

    public SignInThrottledException(Duration retryAfter) {
        super("too many failed sign-ins, try again later");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least 1, for the Retry-After header. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
