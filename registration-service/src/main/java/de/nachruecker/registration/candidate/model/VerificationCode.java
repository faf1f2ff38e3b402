package de.nachruecker.registration.candidate.model;

import de.nachruecker.registration.shared.model.Sha256;

import java.security.SecureRandom;

/** A 6-digit code sent by SMS to prove the phone number. Stored only as a hash salted with the candidate id. */
public record VerificationCode(String value) {

    public static VerificationCode generate(SecureRandom random) {
        return new VerificationCode("%06d".formatted(random.nextInt(1_000_000)));
    }

    public String hash(String candidateId) {
        return hashOf(candidateId, value);
    }

    static String hashOf(String candidateId, String code) {
        return Sha256.hex(candidateId + ":" + code);
    }

    @Override
    public String toString() {
        return "VerificationCode[redacted]";
    }
}
