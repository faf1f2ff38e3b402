package de.nachruecker.notification.delivery.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2021-05-03T10:00:00Z");

    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofSeconds(10), Duration.ofSeconds(60),
            Duration.ofMinutes(10), Duration.ofSeconds(5));

    @Test
    void backsOffExponentiallyUpToTheCap() {
        assertThat(policy.nextAttemptAfter(1, NOW)).isEqualTo(NOW.plusSeconds(10));
        assertThat(policy.nextAttemptAfter(2, NOW)).isEqualTo(NOW.plusSeconds(20));
        assertThat(policy.nextAttemptAfter(3, NOW)).isEqualTo(NOW.plusSeconds(40));
        assertThat(policy.nextAttemptAfter(4, NOW)).isEqualTo(NOW.plusSeconds(60));
        assertThat(policy.nextAttemptAfter(40, NOW)).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void isExhaustedAfterTheConfiguredAttemptsPerChannel() {
        assertThat(policy.exhausted(3)).isFalse();
        assertThat(policy.exhausted(4)).isTrue();
    }

    @Test
    void waitsForAMissingContactOnlyForTheConfiguredTime() {
        Instant accepted = NOW.minus(Duration.ofMinutes(9));
        assertThat(policy.nextContactCheck(accepted, NOW)).contains(NOW.plusSeconds(5));
        assertThat(policy.nextContactCheck(accepted, NOW.plus(Duration.ofMinutes(1)))).isEmpty();
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofMinutes(2), Duration.ofMinutes(1), Duration.ZERO,
                Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
