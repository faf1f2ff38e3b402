package de.nachruecker.registration.candidate.model;

import java.time.Duration;

/**
 * How phone verification codes may be used: each is valid for {@code codeValidity} and allows {@code maxAttempts}
 * wrong entries; at most {@code maxCodes} codes are sent per registration, at least {@code resendInterval} apart
 * (SMS cost, and guessing must not pay off: 5 attempts at a 6-digit code is a 1:200,000 chance).
 */
public record VerificationPolicy(Duration codeValidity, int maxAttempts, int maxCodes, Duration resendInterval) {

    public VerificationPolicy {
        if (maxAttempts < 1 || maxCodes < 1 || codeValidity.isNegative() || resendInterval.isNegative()) {
            throw new IllegalArgumentException("verification limits must be positive");
        }
    }
}
