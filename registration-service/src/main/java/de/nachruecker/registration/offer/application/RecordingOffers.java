package de.nachruecker.registration.offer.application;

import de.nachruecker.events.offer.OfferCancelled;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

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

    /**
     * The events of one poll, in their order: a run of new offers is stored with one write, any other event on its
     * own once the offers before it are stored.
     */
    public void onAll(List<OfferEvent> events) {
        List<Offers.MadeOffer> made = new ArrayList<>();
        for (OfferEvent event : events) {
            if (event instanceof OfferMade offer) {
                made.add(new Offers.MadeOffer(Offer.made(offer.offerId(), offer.releaseId(), offer.candidateId(),
                        offer.centreId(), offer.product(), offer.windowFrom(), offer.windowTo(),
                        offer.answerDeadline()), offer.answerTokenHash()));
                continue;
            }
            store(made);
            on(event);
        }
        store(made);
    }

    private void store(List<Offers.MadeOffer> made) {
        if (!made.isEmpty()) {
            offers.addAll(made).forEach(offer -> metrics.received(offer.centreId()));
            made.clear();
        }
    }

    private void on(OfferEvent event) {
        if (event instanceof OfferConfirmed confirmed) {
            change(confirmed.offerId(), "confirmed", current -> current.confirmed(confirmed.reference()));
        } else if (event instanceof OfferCancelled cancelled) {
            // cancelled here first (the citizen's door); this only catches up a document that missed it
            change(cancelled.offerId(), "cancelled",
                    current -> current.isAppointment() ? current.cancelled() : current);
        } else if (event instanceof OfferRejectedTooLate) {
            close(((OfferRejectedTooLate) event).offerId(), Closing.REJECTED_TOO_LATE);
        } else if (event instanceof OfferDeclined) {
            close(((OfferDeclined) event).offerId(), Closing.DECLINED);
        } else if (event instanceof OfferExpired) {
            close(((OfferExpired) event).offerId(), Closing.EXPIRED);
        }
        // release outcomes (filled, doses at risk or expired) concern ops, not the citizen's door
    }

    private void close(String offerId, Closing closing) {
        change(offerId, closing.name(), current -> current.closed(closing));
    }

    private void change(String offerId, String what, UnaryOperator<Offer> change) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Optional<Offer> found = offers.find(offerId);
            if (found.isEmpty()) {
                log.warn("offer {} {} is unknown here; ignored", offerId, what);
                return;
            }
            Offer current = found.get();
            Offer next = change.apply(current);
            if (next.state() == current.state()) {
                return;
            }
            if (offers.changeState(current, next)) {
                metrics.closed(next.state());
                return;
            }
        }
        throw new IllegalStateException("offer " + offerId + " kept changing while being " + what);
    }
}
