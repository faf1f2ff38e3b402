package de.nachruecker.allocation.release.application;

import de.nachruecker.allocation.AllocationProperties;
import de.nachruecker.allocation.metrics.AllocationMetrics;
import de.nachruecker.allocation.release.model.ReleaseLedger;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import de.nachruecker.events.EventCodec;
import de.nachruecker.events.Topics;
import de.nachruecker.events.offer.DosesAtRisk;
import de.nachruecker.events.offer.DosesExpired;
import de.nachruecker.events.offer.OfferEvent;
import de.nachruecker.events.offer.OfferExpired;
import de.nachruecker.support.outbox.PendingEvent;
import io.micrometer.core.instrument.Tags;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;

/**
 * Watches open releases against usable-until: warns ops when it nears with doses left (DosesAtRisk), records the
 * remainder as expired when it passes (DosesExpired), and otherwise tops up offers, which also picks up candidates
 * who registered since the last wave and finishes waves a crash interrupted.
 */
@Service
public class WatchingVialClock {

    private final Releases releases;
    private final ReleaseOffers offers;
    private final EventCodec codec;
    private final AllocationMetrics metrics;
    private final AllocationProperties properties;
    private final Clock clock;

    public WatchingVialClock(Releases releases, ReleaseOffers offers, EventCodec codec, AllocationMetrics metrics,
                             AllocationProperties properties, Clock clock) {
        this.releases = releases;
        this.offers = offers;
        this.codec = codec;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${nachruecker.allocation.sweep-interval:5s}")
    public void watch() {
        Instant now = clock.instant();
        Map<Tags, Integer> atRisk = new HashMap<>();
        for (ReleaseLedger release : releases.open()) {
            if (!release.usableUntil().isAfter(now)) {
                boolean expiredHere = releases.finish(release.id(), ReleaseStatus.EXPIRED,
                        List.of(event(new DosesExpired(UUID.randomUUID(), now, release.id(),
                                release.centreId(), release.product(), release.dosesLeft()))));
                if (expiredHere) {
                    metrics.dosesExpired(release.dosesLeft(), release.centreId(), release.product());
                }
                offers.voidOpenOffers(release.id(), OfferExpired.Reason.RELEASE_EXPIRED);
                continue;
            }
            if (release.dosesLeft() > 0 && !release.usableUntil().isAfter(now.plus(properties.atRiskBefore()))) {
                atRisk.merge(AllocationMetrics.tags(release.centreId(), release.product()), release.dosesLeft(),
                        Integer::sum);
                if (!release.atRiskReported()) {
                    releases.reportAtRisk(release.id(), event(new DosesAtRisk(UUID.randomUUID(), now,
                            release.id(), release.centreId(), release.product(), release.dosesLeft(),
                            release.usableUntil())));
                }
            }
            offers.topUp(release);
        }
        metrics.dosesAtRisk(atRisk);
    }

    private PendingEvent event(OfferEvent event) {
        return PendingEvent.of(Topics.OFFERS, event, codec);
    }
}
