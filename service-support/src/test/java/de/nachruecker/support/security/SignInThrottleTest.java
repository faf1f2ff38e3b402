package de.nachruecker.support.security;

import de.nachruecker.support.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SignInThrottleTest {

    private final MutableClock clock = MutableClock.at(Instant.parse("2021-05-03T10:00:00Z"));
    private final SignInThrottle throttle = new SignInThrottle(new SignInThrottleProperties(3, 5,
            Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofHours(1), 100), clock);

    @Test
    void theBackOffStartsAtTheAllowedFailuresDoublesAndStopsAtTheMaximum() {
        throttle.failed("ops", "10.0.0.1");
        throttle.failed("ops", "10.0.0.2");
        assertThat(throttle.backOff("ops", "10.0.0.3")).isEmpty();

        throttle.failed("ops", "10.0.0.3");
        assertThat(throttle.backOff("ops", "10.0.0.4")).hasValue(
                new SignInThrottle.BackOff(SignInThrottle.Scope.ACCOUNT, Duration.ofSeconds(2)));
        for (long expected : new long[] {4, 8, 16, 30, 30}) {
            clock.advance(throttle.backOff("ops", "10.0.0.4").orElseThrow().remaining());
            assertThat(throttle.backOff("ops", "10.0.0.4")).isEmpty();
            throttle.failed("ops", "10.0.0.4");
            assertThat(throttle.backOff("ops", "10.0.0.4").orElseThrow().remaining())
                    .isEqualTo(Duration.ofSeconds(expected));
        }
    }

    @Test
    void anAddressBacksOffForEveryAccountAndASuccessClearsOnlyItsAccount() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user-" + i, "10.0.0.9");
        }
        assertThat(throttle.backOff("ops", "10.0.0.9")).hasValueSatisfying(backOff ->
                assertThat(backOff.scope()).isEqualTo(SignInThrottle.Scope.ADDRESS));
        assertThat(throttle.backOff("ops", "10.0.0.10")).isEmpty();

        throttle.succeeded("user-4");
        assertThat(throttle.backOff("ops", "10.0.0.9")).isPresent();
    }

    @Test
    void failuresAreForgottenAfterAQuietHour() {
        throttle.failed("ops", "10.0.0.1");
        throttle.failed("ops", "10.0.0.1");
        clock.advance(Duration.ofHours(1));
        throttle.failed("ops", "10.0.0.1");
        throttle.failed("ops", "10.0.0.1");
        assertThat(throttle.backOff("ops", "10.0.0.1")).as("two, not four, in a row").isEmpty();
    }

    @Test
    void memoryIsBoundedWhateverTheNumberOfNamesAndAddresses() {
        for (int i = 0; i < 10_000; i++) {
            throttle.failed("name-" + i, "10.1." + (i / 256) + "." + (i % 256));
        }
        assertThat(throttle.tracked()).isEqualTo(200);
        throttle.failed("ops", "10.0.0.1");
        throttle.failed("ops", "10.0.0.1");
        throttle.failed("ops", "10.0.0.1");
        assertThat(throttle.backOff("ops", "10.0.0.2")).as("the newest failures are kept").isPresent();
    }
}
