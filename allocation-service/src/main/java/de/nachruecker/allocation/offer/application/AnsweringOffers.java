package de.nachruecker.allocation.offer.application;

import de.nachruecker.allocation.offer.model.Offer;
import de.nachruecker.allocation.offer.model.OfferStatus;
import de.nachruecker.allocation.release.application.Releases;
import de.nachruecker.allocation.release.model.ReleaseLedger;
import de.nachruecker.events.offer.OfferAnswered;
import de.nachruecker.events.offer.OfferExpired;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.Optional;

/**
 * A candidate's answer. ACCEPT given before the deadline is recorded on the offer (so the expiry sweep cannot end it
 * any more) and granted first come, first served by one atomic update of the release (never more confirmations than
 * doses); whoever comes after the last dose is told at once and keeps their place. DECLINE frees the offer and the
 * next wave goes out.
 */
@Service
public class AnsweringOffers {

    private static final Logger log = LoggerFactory.getLogger(AnsweringOffers.class);

    private final Offers offers;
    private final Releases releases;
    private final ClosingOffers closing;
    private final OfferingDoses offering;
    private final OfferMessages messages;
    private final Notifications notifications;
    private final Clock clock;

    public AnsweringOffers(Offers offers, Releases releases, ClosingOffers closing, OfferingDoses offering,
                           OfferMessages messages, Notifications notifications, Clock clock) {
        this.offers = offers;
        this.releases = releases;
        this.closing = closing;
        this.offering = offering;
        this.messages = messages;
        this.notifications = notifications;
        this.clock = clock;
    }

    public void answer(OfferAnswered answer) {
        Optional<Offer> found = offers.find(answer.offerId());
        if (found.isEmpty() || !found.get().candidateId().equals(answer.candidateId())
                || !found.get().releaseId().equals(answer.releaseId())) {
            log.warn("answer {} names no offer of this candidate and release; ignored", answer.eventId());
            return;
        }
        Offer offer = found.get();
        if (answer.answer() == OfferAnswered.Answer.DECLINE) {
            decline(offer);
        } else {
            accept(offer, answer);
        }
    }

    private void decline(Offer offer) {
        if (offer.isOpen()) {
            closing.decline(offer);
        } else {
            closing.finishClosing(offer);
        }
        offering.nextWave(offer.releaseId());
    }

    private void accept(Offer offer, OfferAnswered answer) {
        switch (offer.accept(answer.occurredAt())) {
            case AFTER_END -> acceptAfterEnd(offer);
            case RECORDED_BEFORE -> honour(offer); // redelivered, or said twice
            case AFTER_DEADLINE -> {
                closing.expire(offer, OfferExpired.Reason.DEADLINE_PASSED);
                tellTooLate(offer);
                offering.nextWave(offer.releaseId());
            }
            case IN_TIME -> {
                // recorded before the grant: from here on the expiry sweep honours this yes instead of expiring it
                if (offers.recordAcceptance(offer.id(), answer.occurredAt())) {
                    honour(offer);
                } else {
                    offers.find(offer.id()).ifPresent(this::acceptAfterEnd); // ended since it was read
                }
            }
        }
    }

    /**
     * A yes given in time and recorded on the offer gets a dose if one is left, else it is told at once that the last
     * one is gone. Also run by the expiry sweep for an overdue offer whose yes is recorded (an acceptance still in
     * progress, or one that crashed before its grant or confirmation); both may run at once, each step is safe to
     * repeat.
     */
    public void honour(Offer offer) {
        Optional<ReleaseLedger> granted = releases.grant(offer.releaseId(), offer.id());
        if (granted.isPresent()) {
            confirm(offer, granted.get());
            return;
        }
        ReleaseLedger release = releaseOf(offer);
        if (release.granted(offer.id())) {
            confirm(offer, release); // granted before (a crash, or the other of acceptance and sweep): confirm
        } else if (!closing.rejectTooLate(offer, release)) {
            // voided meanwhile as the last dose went to someone else: the yes still gets its answer at once
            tellTooLate(offer);
        }
    }

    /**
     * The grant is made; the offer may still have ended before it could be confirmed (e.g. voided as the candidate
     * withdrew, or declined from another device): then the dose went back, and the yes is answered at once.
     */
    private void confirm(Offer offer, ReleaseLedger release) {
        if (!closing.confirm(offer, release)) {
            tellTooLate(offer);
            offering.nextWave(offer.releaseId());
        }
    }

    private void acceptAfterEnd(Offer offer) {
        if (offer.status() == OfferStatus.CONFIRMED) {
            closing.confirm(offer, releaseOf(offer));
        } else if (offer.status().grantedDose()) {
            log.debug("acceptance of offer {} redelivered after its arrival was recorded; nothing to do", offer.id());
        } else if (offer.status() == OfferStatus.REJECTED_TOO_LATE) {
            closing.finishClosing(offer);
        } else {
            // expired, void or declined before: the dose is not theirs; the notification id makes this one message
            closing.finishClosing(offer);
            tellTooLate(offer);
        }
    }

    /** Requested directly: the offer's state does not change, and a repeat has the same notification id. */
    private void tellTooLate(Offer offer) {
        notifications.request(messages.tooLateNotification(offer, releaseOf(offer), clock.instant()));
    }

    /** Releases are never deleted and an offer is only made for a stored release. */
    private ReleaseLedger releaseOf(Offer offer) {
        return releases.find(offer.releaseId()).orElseThrow(() -> new IllegalStateException(
                "offer " + offer.id() + " names release " + offer.releaseId() + ", which is not stored"));
    }
}
