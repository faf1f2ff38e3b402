package de.nachruecker.registration.candidate.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;

/**
 * The state of a registration's phone verification.
 *
 * @param codeHash   hash of the current code, {@code null} once verified
 * @param expiresAt  end of the current code's validity
 * @param attempts   wrong entries of the current code
 * @param codesSent  codes sent so far, also the sequence number of the current one
 * @param lastSentAt when the current code was sent
 * @param provedAt   when the phone's possession was proved (the right code entered, or, for a person registered on
 *                   the proof of another on the same phone, that proof's time); {@code null} before, and for
 *                   registrations verified before this was recorded
 */
public record PhoneVerification(String codeHash, Instant expiresAt, int attempts, int codesSent, Instant lastSentAt,
                                Instant provedAt) {

    boolean matches(String candidateId, String code) {
        return codeHash != null && MessageDigest.isEqual(codeHash.getBytes(StandardCharsets.US_ASCII),
                VerificationCode.hashOf(candidateId, code).getBytes(StandardCharsets.US_ASCII));
    }
}
