package de.nachruecker.registration.offer.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The secret in an offer's answer link. The allocation service makes it (256 random bits, base64url) and publishes
 * only its hash; the citizen brings the raw token back, and it is matched by hashing it the same way.
 */
public final class AnswerToken {

    /** At least 128 bits in base64url (22 characters); anything else cannot be one of our tokens. */
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{22,128}");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private AnswerToken() {
    }

    /**
     * The hash to look the offer up by: SHA-256 of the token's characters, base64url without padding (as in
     * {@code OfferMade.answerTokenHash}); empty for input that cannot be a token.
     */
    public static Optional<String> hashOf(String raw) {
        if (raw == null || !WELL_FORMED.matcher(raw).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(BASE64URL.encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.US_ASCII))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
