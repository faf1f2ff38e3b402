package de.nachruecker.allocation.offer.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret in a candidate's answer link: 256 random bits. Only its hash is stored and published; the raw token
 * travels once, in the offer notification.
 */
public record AnswerToken(String raw, String hash) {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    public static AnswerToken generate(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String raw = BASE64URL.encodeToString(bytes);
        return new AnswerToken(raw, hashOf(raw));
    }

    /** SHA-256 of the token's characters, base64url without padding. */
    public static String hashOf(String raw) {
        try {
            return BASE64URL.encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "AnswerToken[hash=" + hash + "]";
    }
}
