package de.nachruecker.registration.ratelimit.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllowanceTest {

    @Test
    void aPhoneAllowanceOfZeroMeansNotLimitedByPhone() {
        assertThat(new Allowance(10, 0, Duration.ofMinutes(10)).limitsPhones()).isFalse();
        assertThat(new Allowance(10, 3, Duration.ofMinutes(10)).limitsPhones()).isTrue();
    }

    @Test
    void anAllowanceNeedsAtLeastOneRequestPerAddressAndAPeriod() {
        assertThatThrownBy(() -> new Allowance(0, 1, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Allowance(1, -1, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Allowance(1, 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(new RateLimitExceededException(LimitedAction.ANSWER, Duration.ofMillis(1500)).retryAfterSeconds())
                .isEqualTo(2);
        assertThat(new RateLimitExceededException(LimitedAction.ANSWER, Duration.ZERO).retryAfterSeconds())
                .isEqualTo(1);
        assertThat(new RateLimitExceededException(LimitedAction.ANSWER, Duration.ofSeconds(60)).retryAfterSeconds())
                .isEqualTo(60);
    }
}
