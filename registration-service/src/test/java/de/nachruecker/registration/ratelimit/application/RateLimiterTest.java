package de.nachruecker.registration.ratelimit.application;

import de.nachruecker.registration.config.RateLimitProperties;
import de.nachruecker.registration.ratelimit.model.LimitedAction;
import de.nachruecker.registration.ratelimit.model.RateLimitExceededException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RateLimiterTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RateLimiter limiter = new RateLimiter(new RateLimitProperties(
            new RateLimitProperties.Limit(2, 1, HOUR), new RateLimitProperties.Limit(1, 1, HOUR),
            new RateLimitProperties.Limit(1, 1, HOUR), new RateLimitProperties.Limit(1, 0, HOUR),
            new RateLimitProperties.Limit(1, 0, HOUR), Duration.ofMinutes(5)), meters);

    @Test
    void anAddressMayActUpToItsAllowanceThenWaits() {
        limiter.checkAddress(LimitedAction.REGISTER, "10.0.0.1");
        limiter.checkAddress(LimitedAction.REGISTER, "10.0.0.1");

        RateLimitExceededException refused = catchThrowableOfType(RateLimitExceededException.class,
                () -> limiter.checkAddress(LimitedAction.REGISTER, "10.0.0.1"));
        assertThat(refused.action()).isEqualTo(LimitedAction.REGISTER);
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(30));
        assertThat(refused.retryAfterSeconds()).isBetween(1L, 1800L);
        assertThat(meters.get("registration.rate-limited").tag("action", "register").tag("by", "address")
                .counter().count()).isEqualTo(1.0);
    }

    @Test
    void addressesActionsAndPhonesHaveTheirOwnAllowances() {
        limiter.checkAddress(LimitedAction.SEND_CODE, "10.0.0.1");
        limiter.checkAddress(LimitedAction.SEND_CODE, "10.0.0.2");
        limiter.checkAddress(LimitedAction.VERIFY, "10.0.0.1");
        limiter.checkPhone(LimitedAction.SEND_CODE, "+4915123456789");
        limiter.checkPhone(LimitedAction.SEND_CODE, "+4915123456780");

        assertThatThrownBy(() -> limiter.checkPhone(LimitedAction.SEND_CODE, "+4915123456789"))
                .isInstanceOf(RateLimitExceededException.class);
        assertThat(meters.get("registration.rate-limited").tag("action", "send_code").tag("by", "phone")
                .counter().count()).isEqualTo(1.0);
    }

    @Test
    void workThatFailsGivesTheAllowancesBack() {
        RuntimeException refusal = new IllegalStateException("too soon");
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> limiter.spendOnSuccess(LimitedAction.SEND_CODE, "10.0.0.1", "+4915123456789",
                    () -> {
                        throw refusal;
                    })).isSameAs(refusal);
        }
        assertThat(limiter.spendOnSuccess(LimitedAction.SEND_CODE, "10.0.0.1", "+4915123456789", () -> "sent"))
                .isEqualTo("sent");

        assertThatThrownBy(() -> limiter.spendOnSuccess(LimitedAction.SEND_CODE, "10.0.0.2", "+4915123456789",
                () -> "sent")).as("the phone's one code was spent").isInstanceOf(RateLimitExceededException.class);
        assertThatThrownBy(() -> limiter.spendOnSuccess(LimitedAction.SEND_CODE, "10.0.0.1", "+4915123456780",
                () -> "sent")).as("the address's one code was spent").isInstanceOf(RateLimitExceededException.class);
        assertThat(limiter.spendOnSuccess(LimitedAction.SEND_CODE, "10.0.0.2", "+4915123456780", () -> "sent"))
                .as("a refusal by the phone gave the address back").isEqualTo("sent");
    }

    @Test
    void actionsWithoutAPhoneAllowanceNeverLimitByPhone() {
        for (int i = 0; i < 5; i++) {
            limiter.checkPhone(LimitedAction.ANSWER, "+4915123456789");
        }
    }

    @Test
    void everyCounterExistsAtZeroFromTheStart() {
        assertThat(meters.find("registration.rate-limited").counters()).hasSize(LimitedAction.values().length * 2)
                .allSatisfy(counter -> assertThat(counter.count()).isZero());
    }

    @Test
    void onlyFullBucketsAreDropped() {
        limiter.checkAddress(LimitedAction.REGISTER, "10.0.0.1");
        limiter.checkAddress(LimitedAction.REGISTER, "10.0.0.1");
        limiter.dropRefilledBuckets();

        assertThatThrownBy(() -> limiter.checkAddress(LimitedAction.REGISTER, "10.0.0.1"))
                .as("a used bucket is kept").isInstanceOf(RateLimitExceededException.class);
    }
}
