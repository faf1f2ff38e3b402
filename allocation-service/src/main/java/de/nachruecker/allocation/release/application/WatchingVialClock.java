package de.nachruecker.allocation.release.application;

import de.nachruecker.allocation.config.AllocationProperties;
import de.nachruecker.allocation.offer.application.AllocationMetrics;
import de.nachruecker.allocation.offer.application.ClosingOffers;
import de.nachruecker.allocation.offer.application.OfferMessages;
import de.nachruecker.allocation.offer.application.OfferingDoses;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import de.nachruecker.allocation.release.persistence.ReleaseDocument;
import de.nachruecker.allocation.release.persistence.ReleaseStore;
import de.nachruecker.events.offer.DosesAtRisk;
import de.nachruecker.events.offer.DosesExpired;
import de.nachruecker.events.offer.OfferExpired;
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

    private final ReleaseStore releases;
    private final ClosingOffers closing;
    private final OfferingDoses offering;
    private final OfferMessages messages;
    private final AllocationMetrics metrics;
    private final AllocationProperties properties;
    private final Clock clock;

    public WatchingVialClock(ReleaseStore releases, ClosingOffers closing, OfferingDoses offering,
                             OfferMessages messages, AllocationMetrics metrics, AllocationProperties properties,
                             Clock clock) {
        this.releases = releases;
        this.closing = closing;
        this.offering = offering;
        this.messages = messages;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${nachruecker.allocation.sweep-interval:5s}")
    public void watch() {
        Instant now = clock.instant();
        Map<Tags, Integer> atRisk = new HashMap<>();
        for (ReleaseDocument release : releases.open()) {
            if (!release.usableUntil().isAfter(now)) {
                boolean expiredHere = releases.finish(release.id(), ReleaseStatus.EXPIRED,
                        List.of(messages.event(new DosesExpired(UUID.randomUUID(), now, release.id(),
                                release.centreId(), release.product(), release.dosesLeft()))));
                if (expiredHere) {
                    metrics.dosesExpired(release.dosesLeft(), release.centreId(), release.product());
                }
                closing.voidOpenOffers(release.id(), OfferExpired.Reason.RELEASE_EXPIRED);
                continue;
            }
            if (release.dosesLeft() > 0 && !release.usableUntil().isAfter(now.plus(properties.atRiskBefore()))) {
                atRisk.merge(AllocationMetrics.tags(release.centreId(), release.product()), release.dosesLeft(),
                        Integer::sum);
                if (!release.atRiskReported()) {
                    releases.reportAtRisk(release.id(), messages.event(new DosesAtRisk(UUID.randomUUID(), now,
                            release.id(), release.centreId(), release.product(), release.dosesLeft(),
                            release.usableUntil())));
                }
            }
            offering.nextWave(release.id());
        }
        metrics.dosesAtRisk(atRisk);
    }
}
