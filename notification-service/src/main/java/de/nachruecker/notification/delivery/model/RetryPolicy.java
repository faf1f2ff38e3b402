package de.nachruecker.notification.delivery.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When to try again. Transient failures on a channel back off exponentially ({@code initialBackoff * 2^(n-1)}, capped
 * at {@code maxBackoff}) until {@code maxAttemptsPerChannel} attempts failed. A contact that has not arrived yet
 * (contacts and requests travel on different topics) is waited for up to {@code contactWait}.
 */
public record RetryPolicy(int maxAttemptsPerChannel, Duration initialBackoff, Duration maxBackoff,
                          Duration contactWait, Duration contactRetryInterval) {

    public RetryPolicy {
        if (maxAttemptsPerChannel < 1) {
            throw new IllegalArgumentException("at least one attempt per channel");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
        }
    }

    /** @param failedAttempts attempts on this channel that failed so far, at least 1 */
    public boolean exhausted(int failedAttempts) {
        return failedAttempts >= maxAttemptsPerChannel;
    }

    /** @param failedAttempts attempts on this channel that failed so far, at least 1 */
    public Instant nextAttemptAfter(int failedAttempts, Instant now) {
        Duration backoff = initialBackoff;
        for (int i = 1; i < failedAttempts && backoff.compareTo(maxBackoff) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return now.plus(backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff);
    }

    /** When to look for the contact again, or empty when it has been waited for long enough. */
    public Optional<Instant> nextContactCheck(Instant acceptedAt, Instant now) {
        return now.isBefore(acceptedAt.plus(contactWait)) ? Optional.of(now.plus(contactRetryInterval))
                : Optional.empty();
    }
}
