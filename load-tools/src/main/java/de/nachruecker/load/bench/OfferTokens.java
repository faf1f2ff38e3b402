package de.nachruecker.load.bench;

import de.nachruecker.events.offer.AnswerTokenHash;
import de.nachruecker.events.offer.OfferMade;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the offer an SMS belongs to: the link carries the raw answer token, {@code OfferMade} its hash
 * ({@link AnswerTokenHash}), so each offer SMS matches exactly one offer.
 */
public final class OfferTokens {

    private final Map<String, OfferMade> byTokenHash = new HashMap<>();

    public OfferTokens(Collection<OfferMade> offers) {
        offers.forEach(offer -> byTokenHash.put(offer.answerTokenHash(), offer));
    }

    public Optional<OfferMade> offerOf(String answerToken) {
        return Optional.ofNullable(byTokenHash.get(AnswerTokenHash.of(answerToken)));
    }
}
