package de.nachruecker.registration.offer.application;

import de.nachruecker.events.offer.OfferAnswered;
import de.nachruecker.registration.config.OfferProperties;
import de.nachruecker.registration.offer.model.Answer;
import de.nachruecker.registration.offer.model.AnswerRefusedException;
import de.nachruecker.registration.offer.model.AnswerToken;
import de.nachruecker.registration.offer.model.Offer;
import de.nachruecker.registration.offer.model.OfferState;
import de.nachruecker.registration.ratelimit.application.RateLimiter;
import de.nachruecker.registration.ratelimit.model.LimitedAction;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A citizen answers an offer with the token from the offer message: valid once and only before the deadline. The
 * answer goes to the allocation service, which decides; the citizen learns the decision from {@link #awaitDecision}.
 */
@Service
public class AnsweringOffer {

    private final Offers offers;
    private final OfferMetrics metrics;
    private final Clock clock;
    private final Duration decisionWait;
    private final Duration decisionPoll;
    private final RateLimiter rateLimiter;

    public AnsweringOffer(Offers offers, OfferMetrics metrics, Clock clock, OfferProperties properties,
                          RateLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
        this.offers = offers;
        this.metrics = metrics;
        this.clock = clock;
        this.decisionWait = properties.decisionWait();
        this.decisionPoll = properties.decisionPoll();
    }

    /** The offer the token belongs to, whatever its state; reading never changes anything. */
    public Offer offerFor(String rawToken) {
        return AnswerToken.hashOf(rawToken).flatMap(offers::findByTokenHash)
                .orElseThrow(() -> new AnswerRefusedException(AnswerRefusedException.Reason.UNKNOWN));
    }

    /**
     * Takes the answer, or refuses it if the token is unknown, used or expired.
     *
     * @param clientAddress where the request came from: answering is rate-limited per address, so that unknown
     *                      tokens cannot be tried cheaply
     * @throws de.nachruecker.registration.ratelimit.model.RateLimitExceededException if this address answered too
     *                      often lately
     */
    public Offer answer(String rawToken, Answer answer, String clientAddress) {
        rateLimiter.checkAddress(LimitedAction.ANSWER, clientAddress);
        return answerWithToken(rawToken, answer);
    }

    /**
     * The same answer by key press on the offer call (a landline): the gateway posts the key with the offer's token,
     * under the same single-use rules. Not limited per address: every call's key press comes from the gateway's few
     * addresses, and the 256-bit token cannot be guessed.
     */
    public Offer answerByKeyPress(String rawToken, Answer answer) {
        return answerWithToken(rawToken, answer);
    }

    /** The link's and the key press's rules: an unknown, used or expired token is refused (and counted). */
    private Offer answerWithToken(String rawToken, Answer answer) {
        Offer offer;
        try {
            offer = offerFor(rawToken);
        } catch (AnswerRefusedException e) {
            throw refused(e.reason());
        }
        return answer(offer, answer);
    }

    /**
     * The same answer from the citizen's status page, where the citizen is known by their access token: only an offer
     * made to this candidate can be answered; anyone else's looks unknown.
     */
    public Offer answerAsCandidate(String candidateId, String offerId, Answer answer, String clientAddress) {
        rateLimiter.checkAddress(LimitedAction.ANSWER, clientAddress);
        Offer offer = Optional.ofNullable(offerId).flatMap(offers::find).filter(found -> found.candidateId().equals(candidateId))
                .orElseThrow(() -> refused(AnswerRefusedException.Reason.UNKNOWN));
        return answer(offer, answer);
    }

    /** Whether the offer can still be answered now. */
    public boolean answerable(Offer offer) {
        return offer.answerableAt(clock.instant());
    }

    private Offer answer(Offer offer, Answer answer) {
        Instant now = clock.instant();
        offer.refusalAt(now).ifPresent(reason -> {
            throw refused(reason);
        });
        OfferAnswered event = new OfferAnswered(UUID.randomUUID(), now, offer.offerId(), offer.releaseId(),
                offer.candidateId(), answer == Answer.ACCEPT ? OfferAnswered.Answer.ACCEPT : OfferAnswered.Answer.DECLINE);
        Offer answered = offers.answer(offer.answered(answer), now, event).orElseThrow(() -> refused(
                offers.find(offer.offerId()).flatMap(current -> current.refusalAt(now))
                        .orElse(AnswerRefusedException.Reason.USED)));
        metrics.answered(answer);
        return answered;
    }

    /**
     * The answered offer once the allocation service decided, or as it stands after a short bounded wait (the page
     * then refreshes itself). A web request waits here, so the wait is a few seconds at most.
     */
    public Offer awaitDecision(Offer answered) {
        long until = System.nanoTime() + decisionWait.toNanos();
        Offer current = answered;
        while (!current.state().isFinal() && System.nanoTime() < until) {
            try {
                Thread.sleep(decisionPoll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return current;
            }
            current = offers.find(answered.offerId()).orElse(current);
        }
        return current;
    }

    /**
     * The offer this citizen can still answer or whose decision they are waiting for, if any (for their status). An
     * offer past its deadline is over for the citizen even before the allocation service closes it.
     */
    public Optional<Offer> openOfferOf(String candidateId) {
        Instant now = clock.instant();
        return offers.findUndecidedOf(candidateId).stream()
                .filter(offer -> offer.state() == OfferState.ANSWERED || offer.answerableAt(now))
                .findFirst();
    }

    private AnswerRefusedException refused(AnswerRefusedException.Reason reason) {
        metrics.refused(reason);
        return new AnswerRefusedException(reason);
    }
}
