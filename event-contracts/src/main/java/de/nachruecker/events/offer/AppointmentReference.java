package de.nachruecker.events.offer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The one definition of the short reference of a confirmed appointment, which the citizen holds (status page,
 * confirmation page, SMS, email) and names at the centre, and the operator looks up: the first 40 bits of SHA-256 of
 * the offer id, in Crockford's base32 (digits and capitals without I, L, O, U, so nothing reads like anything else),
 * as {@code XXXX-XXXX}: eight characters to read aloud. 2^40 values: among even 10,000 appointments of one centre
 * and day the chance that two share a reference is below 1 in 10,000. Nothing personal is in it. The allocation
 * service computes it once and carries it on {@link OfferConfirmed}, so every service shows the same string.
 */
public final class AppointmentReference {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int LENGTH = 8;

    private AppointmentReference() {
    }

    public static String of(String offerId) {
        byte[] hash = sha256(offerId.getBytes(StandardCharsets.UTF_8));
        long bits = 0;
        for (int i = 0; i < 5; i++) {
            bits = (bits << 8) | (hash[i] & 0xFF);
        }
        StringBuilder reference = new StringBuilder(LENGTH + 1);
        for (int i = LENGTH - 1; i >= 0; i--) {
            reference.append(ALPHABET[(int) (bits >>> (5 * i)) & 0x1F]);
            if (i == LENGTH / 2) {
                reference.append('-');
            }
        }
        return reference.toString();
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
