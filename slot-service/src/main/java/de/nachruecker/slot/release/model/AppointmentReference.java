package de.nachruecker.slot.release.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The short reference of a confirmed appointment that operators read out and candidates can be shown: the first 40
 * bits of SHA-256 of the offer id, in Crockford's base32 (no I, L, O, U), as {@code XXXX-XXXX}. Derived, so any
 * service that knows the offer id shows the same reference, and nothing personal is in it.
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
