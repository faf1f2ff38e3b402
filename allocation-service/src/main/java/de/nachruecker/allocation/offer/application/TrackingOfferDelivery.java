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

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        trackAll(List.of(status));
    }

    /**
     * The reports of a poll, in their order: the offers they name are read with one query and their deliveries
     * recorded with one bulk of conditional writes; a failure (rare) ends its offer on its own, after the deliveries.
     * A delivery reported after a failure of the same offer in the batch is not recorded (the offer ended).
     */
    public void trackAll(List<? extends NotificationStatusEvent> statuses) {
        Set<String> offerIds = new LinkedHashSet<>();
        List<NotificationStatusEvent> reports = new ArrayList<>();
        for (NotificationStatusEvent status : statuses) {
            OfferMessages.offerIdOf(status.notificationId()).ifPresent(offerId -> {
                offerIds.add(offerId);
                reports.add(status);
            });
        }
        if (reports.isEmpty()) {
            return;
        }
        Map<String, Offer> found = offers.findAll(offerIds);
        Map<String, Instant> deliveries = new LinkedHashMap<>();
        Map<String, NotificationFailed> failures = new LinkedHashMap<>();
        for (NotificationStatusEvent status : reports) {
            String offerId = OfferMessages.offerIdOf(status.notificationId()).orElseThrow();
            // the offer is written before its message is requested (same outbox), so an unknown one is not ours to
            // wait for
            Offer offer = found.get(offerId);
            if (offer == null || !offer.candidateId().equals(status.candidateId())) {
                log.warn("notification status {} names no offer of this candidate; ignored", status.eventId());
            } else if (status instanceof NotificationSent sent) {
                if (offer.status() == OfferStatus.MADE && !offer.delivered() && !failures.containsKey(offerId)) {
                    deliveries.putIfAbsent(offerId, sent.occurredAt());
                } else if (!offer.status().isOpen()) {
                    log.debug("offer {} was delivered after it ended ({}); not counted", offerId, offer.status());
                }
            } else if (status instanceof NotificationFailed failed) {
                failures.putIfAbsent(offerId, failed);
            }
        }
        // recorded only while open, and counted once: the read showed each undelivered
        for (String offerId : offers.recordDeliveries(deliveries)) {
            metrics.offer(AllocationMetrics.DELIVERED, found.get(offerId).centreId(), found.get(offerId).product());
        }
        failures.forEach((offerId, failed) -> undeliverable(found.get(offerId), failed));
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
