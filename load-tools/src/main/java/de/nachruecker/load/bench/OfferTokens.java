package de.nachruecker.load.bench;

import de.nachruecker.events.offer.OfferMade;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the offer an SMS belongs to: the link carries the raw answer token, {@code OfferMade} its SHA-256
 * (base64url, no padding), so each offer SMS matches exactly one offer.
 */
public final class OfferTokens {

    private final Map<String, OfferMade> byTokenHash = new HashMap<>();

    public OfferTokens(Collection<OfferMade> offers) {
        offers.forEach(offer -> byTokenHash.put(offer.answerTokenHash(), offer));
    }

    public Optional<OfferMade> offerOf(String answerToken) {
        return Optional.ofNullable(byTokenHash.get(hash(answerToken)));
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
