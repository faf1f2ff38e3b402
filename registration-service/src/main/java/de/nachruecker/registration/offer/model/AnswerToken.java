package de.nachruecker.registration.offer.model;

import de.nachruecker.events.offer.AnswerTokenHash;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The secret in an offer's answer link. The allocation service makes it (256 random bits, base64url) and publishes
 * only its hash; the citizen brings the raw token back, and it is matched by hashing it the same way.
 */
public final class AnswerToken {

    /** At least 128 bits in base64url (22 characters); anything else cannot be one of our tokens. */
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{22,128}");

    private AnswerToken() {
    }

    /**
     * The hash to look the offer up by, made as {@code OfferMade.answerTokenHash} is ({@link AnswerTokenHash});
     * empty for input that cannot be a token.
     */
    public static Optional<String> hashOf(String raw) {
        if (raw == null || !WELL_FORMED.matcher(raw).matches()) {
            return Optional.empty();
        }
        return Optional.of(AnswerTokenHash.of(raw));
    }
}
