package de.nachruecker.events.offer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * How {@link OfferMade#answerTokenHash()} is made from the raw answer token: SHA-256 of the token's characters
 * (US-ASCII), base64url without padding. The allocation service hashes the token it generates, registration-service
 * the token a citizen brings back; both use this one rule, so they match.
 */
public final class AnswerTokenHash {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private AnswerTokenHash() {
    }

    public static String of(String rawToken) {
        try {
            return BASE64URL.encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(rawToken.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
