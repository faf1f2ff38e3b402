package de.nachruecker.allocation.offer.application;

import de.nachruecker.allocation.AllocationProperties;
import de.nachruecker.allocation.metrics.AllocationMetrics;
import de.nachruecker.allocation.offer.model.Offer;
import de.nachruecker.allocation.release.application.Releases;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Announces the offers whose wave stopped (a kill, a crash, a lost database) after writing them and before requesting
 * their messages: without this they stay open, unknown to their candidates, until their deadline, and so does their
 * release's next wave. Each such offer was written with its message held back; after a grace period the message is
 * requested (the release still open) or the offer voided before it (the release ended).
 *
 * <p>Runs on every instance and is safe to repeat: the request is one conditional write on the offer (open and not
 * announced yet), so of two instances, or of a slow wave and this sweep, only one requests the message, and a
 * release ending meanwhile voids the offer as it voids every open one. Offers past their deadline are left to
 * {@link ExpiringOffers}: nobody is told about an offer that can no longer be answered.
 */
@Service
public class RecoveringUnannouncedOffers {

    private static final Logger log = LoggerFactory.getLogger(RecoveringUnannouncedOffers.class);

    private final Offers offers;
    private final Releases releases;
    private final ClosingOffers closing;
    private final OfferMessages messages;
    private final AllocationMetrics metrics;
    private final AllocationProperties properties;
    private final Clock clock;

    public RecoveringUnannouncedOffers(Offers offers, Releases releases, ClosingOffers closing,
                                       OfferMessages messages, AllocationMetrics metrics,
                                       AllocationProperties properties, Clock clock) {
        this.offers = offers;
        this.releases = releases;
        this.closing = closing;
        this.messages = messages;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    /** @return how many offers were announced now */
    @Scheduled(fixedDelayString = "${nachruecker.allocation.unannounced-sweep-interval:10s}")
    public int announceOrVoid() {
        Instant now = clock.instant();
        Map<String, ReleaseStatus> statusByRelease = new HashMap<>();
        int announced = 0;
        for (Offers.Unannounced stranded : offers.unannouncedBefore(now.minus(properties.unannouncedAfter()))) {
            Offer offer = stranded.offer();
            if (!offer.answerDeadline().isAfter(now)) {
                continue;
            }
            ReleaseStatus status = statusByRelease.computeIfAbsent(offer.releaseId(),
                    releaseId -> releases.statusOf(releaseId).orElse(ReleaseStatus.WITHDRAWN));
            if (status != ReleaseStatus.OPEN) {
                log.warn("offer {} of release {} was never announced and its release ended ({}): voided",
                        offer.id(), offer.releaseId(), status);
                closing.expire(offer, MakingOffers.voidReason(status));
                if (stranded.message() != null) {
                    messages.discard(stranded.message());
                }
            } else if (stranded.message() == null) {
                log.warn("offer {} of release {} was never announced and has no message held back: it expires at "
                        + "its deadline", offer.id(), offer.releaseId());
            } else if (offers.requestMessage(offer.id(), stranded.message())) {
                log.warn("offer {} of release {} was never announced (its wave stopped after writing it): its message "
                        + "is requested now", offer.id(), offer.releaseId());
                metrics.offer("made", offer.centreId(), offer.product());
                announced++;
            }
        }
        return announced;
    }
}
