package de.nachruecker.registration.offer.application;

import de.nachruecker.events.offer.OfferConfirmed;
import de.nachruecker.events.offer.OfferDeclined;
import de.nachruecker.events.offer.OfferEvent;
import de.nachruecker.events.offer.OfferExpired;
import de.nachruecker.events.offer.OfferMade;
import de.nachruecker.events.offer.OfferRejectedTooLate;
import de.nachruecker.registration.offer.model.Closing;
import de.nachruecker.registration.offer.model.Offer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.util.Optional;

/**
 * Keeps the offers from the allocation service's offer lifecycle. Naturally idempotent: an offer is inserted once
 * under its id, and a decided offer never changes again, so redelivered events change nothing.
 */
@Service
public class RecordingOffers {

    private static final Logger log = LoggerFactory.getLogger(RecordingOffers.class);
    /** A state change loses only to a concurrent answer, which can happen once; more rounds mean a bug. */
    private static final int MAX_ROUNDS = 3;

    private final Offers offers;
    private final OfferMetrics metrics;

    public RecordingOffers(Offers offers, OfferMetrics metrics) {
        this.offers = offers;
        this.metrics = metrics;
    }

    public void on(OfferEvent event) {
        if (event instanceof OfferMade) {
            made((OfferMade) event);
        } else if (event instanceof OfferConfirmed) {
            close(((OfferConfirmed) event).offerId(), Closing.CONFIRMED);
        } else if (event instanceof OfferRejectedTooLate) {
            close(((OfferRejectedTooLate) event).offerId(), Closing.REJECTED_TOO_LATE);
        } else if (event instanceof OfferDeclined) {
            close(((OfferDeclined) event).offerId(), Closing.DECLINED);
        } else if (event instanceof OfferExpired) {
            close(((OfferExpired) event).offerId(), Closing.EXPIRED);
        }
        // release outcomes (filled, doses at risk or expired) concern ops, not the citizen's door
    }

    private void made(OfferMade made) {
        Offer offer = Offer.made(made.offerId(), made.releaseId(), made.candidateId(), made.centreId(),
                made.product(), made.windowFrom(), made.windowTo(), made.answerDeadline());
        if (offers.add(offer, made.answerTokenHash())) {
            metrics.received(made.centreId());
        }
    }

    private void close(String offerId, Closing closing) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Optional<Offer> found = offers.find(offerId);
            if (found.isEmpty()) {
                log.warn("offer {} closed as {} is unknown here; ignored", offerId, closing);
                return;
            }
            Offer current = found.get();
            Offer next = current.closed(closing);
            if (next.state() == current.state()) {
                return;
            }
            if (offers.changeState(current, next)) {
                metrics.closed(next.state());
                return;
            }
        }
        throw new IllegalStateException("offer " + offerId + " kept changing while being closed as " + closing);
    }
}
