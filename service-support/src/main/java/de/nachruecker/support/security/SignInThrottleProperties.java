package de.nachruecker.support.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How password sign-ins of staff are throttled ({@link SignInThrottle}).
 *
 * @param accountFailures failed sign-ins in a row for one account before its back-off starts
 * @param addressFailures failed sign-ins in a row from one client address (any account) before its back-off starts
 * @param initialBackOff  the first back-off; each further failure doubles it
 * @param maxBackOff      the longest back-off
 * @param forgetAfter     failures are forgotten this long after the last one (and the back-off has run out)
 * @param maxTracked      accounts and addresses remembered each; beyond it the longest quiet one is dropped
 */
@ConfigurationProperties("nachruecker.security.sign-in-throttle")
public record SignInThrottleProperties(
        @DefaultValue("5") int accountFailures, @DefaultValue("20") int addressFailures,
        @DefaultValue("2s") Duration initialBackOff, @DefaultValue("15m") Duration maxBackOff,
        @DefaultValue("1h") Duration forgetAfter, @DefaultValue("10000") int maxTracked) {

    public SignInThrottleProperties {
        if (accountFailures < 1 || addressFailures < 1 || maxTracked < 1) {
            throw new IllegalArgumentException("nachruecker.security.sign-in-throttle: counts must be positive");
        }
        if (initialBackOff.isNegative() || initialBackOff.isZero() || maxBackOff.compareTo(initialBackOff) < 0) {
            throw new IllegalArgumentException("nachruecker.security.sign-in-throttle: 0 < initial-back-off <= "
                    + "max-back-off");
        }
    }
}
