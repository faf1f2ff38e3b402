package de.nachruecker.allocation.offer.application;

import de.nachruecker.allocation.metrics.AllocationMetrics;
import de.nachruecker.allocation.offer.model.Offer;
import de.nachruecker.allocation.offer.model.OfferStatus;
import de.nachruecker.events.notification.NotificationFailed;
import de.nachruecker.events.notification.NotificationSent;
import de.nachruecker.events.notification.NotificationStatusEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.util.Optional;

/**
 * What became of an offer's message. Sent: the offer records when it was delivered, so that its expiry counts as a "no"
 * (only offers the citizen could see tell about acceptance). Failed: nobody can answer the offer, so it ends at once and
 * its place goes to the next wave instead of waiting for the deadline. Both are conditional writes on the open offer,
 * so a redelivered or repeated report changes nothing; a delivery reported after the offer ended is ignored (whether
 * it counts was decided when it ended). Reports on other messages (confirmation, too late) are not allocation's concern.
 */
@Service
public class TrackingOfferDelivery {

    private static final Logger log = LoggerFactory.getLogger(TrackingOfferDelivery.class);

    private final Offers offers;
    private final ClosingOffers closing;
    private final OfferingDoses offering;
    private final AllocationMetrics metrics;

    public TrackingOfferDelivery(Offers offers, ClosingOffers closing, OfferingDoses offering,
                                 AllocationMetrics metrics) {
        this.offers = offers;
        this.closing = closing;
        this.offering = offering;
        this.metrics = metrics;
    }

    public void track(NotificationStatusEvent status) {
        Optional<String> offerId = OfferMessages.offerIdOf(status.notificationId());
        if (offerId.isEmpty()) {
            return;
        }
        // the offer is written before its message is requested (same outbox), so an unknown one is not ours to wait for
        Optional<Offer> found = offers.find(offerId.get())
                .filter(offer -> offer.candidateId().equals(status.candidateId()));
        if (found.isEmpty()) {
            log.warn("notification status {} names no offer of this candidate; ignored", status.eventId());
            return;
        }
        if (status instanceof NotificationSent sent) {
            delivered(found.get(), sent);
        } else if (status instanceof NotificationFailed failed) {
            undeliverable(found.get(), failed);
        }
    }

    private void delivered(Offer offer, NotificationSent sent) {
        if (offers.recordDelivery(offer.id(), sent.occurredAt())) {
            metrics.offer(AllocationMetrics.DELIVERED, offer.centreId(), offer.product());
        } else if (!offer.status().isOpen()) {
            log.debug("offer {} was delivered after it ended ({}); not counted", offer.id(), offer.status());
        }
    }

    private void undeliverable(Offer offer, NotificationFailed failed) {
        if (offer.status() == OfferStatus.MADE) {
            log.info("offer {} could not be delivered ({}); ending it", offer.id(), failed.reason());
            closing.endUndeliverable(offer);
        } else if (offer.status() == OfferStatus.UNDELIVERABLE) {
            closing.finishClosing(offer); // redelivered after a crash between the steps: finish them
        } else {
            log.debug("offer {} failed to deliver after it ended ({}); nothing to do", offer.id(), offer.status());
            return;
        }
        offering.nextWave(offer.releaseId());
    }
}
