package de.nachruecker.allocation.offer.model;

import de.nachruecker.events.offer.AnswerTokenHash;

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

    /** As {@code OfferMade.answerTokenHash} defines it ({@link AnswerTokenHash}). */
    public static String hashOf(String raw) {
        return AnswerTokenHash.of(raw);
    }

    @Override
    public String toString() {
        return "AnswerToken[hash=" + hash + "]";
    }
}
