package de.nachruecker.allocation.offer.application;

import de.nachruecker.allocation.config.AllocationProperties;
import de.nachruecker.allocation.offer.persistence.OfferDocument;
import de.nachruecker.allocation.offer.persistence.OfferStore;
import de.nachruecker.allocation.pool.persistence.CandidateDocument;
import de.nachruecker.allocation.pool.persistence.CandidateStore;
import de.nachruecker.allocation.release.persistence.ReleaseDocument;
import de.nachruecker.allocation.release.persistence.ReleaseStore;
import de.nachruecker.events.offer.OfferExpired;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Offers nobody answered in time expire and free the candidate; the next wave for their release goes out at once.
 * Runs on every instance: the conditional updates let only one of them end each offer. An overdue offer the release
 * has granted a dose (a yes given in time, still being confirmed) is confirmed, not expired.
 */
@Service
public class ExpiringOffers {

    private static final Logger log = LoggerFactory.getLogger(ExpiringOffers.class);

    private final OfferStore offers;
    private final CandidateStore candidates;
    private final ClosingOffers closing;
    private final ReleaseStore releases;
    private final OfferingDoses offering;
    private final BusyCandidates busy;
    private final AllocationProperties properties;
    private final Clock clock;

    public ExpiringOffers(OfferStore offers, CandidateStore candidates, ClosingOffers closing,
                          ReleaseStore releases, OfferingDoses offering, BusyCandidates busy,
                          AllocationProperties properties, Clock clock) {
        this.offers = offers;
        this.candidates = candidates;
        this.closing = closing;
        this.releases = releases;
        this.offering = offering;
        this.busy = busy;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${nachruecker.allocation.sweep-interval:5s}")
    public void expireOverdueOffers() {
        Set<String> releasesToRefill = new LinkedHashSet<>();
        for (OfferDocument offer : offers.openPastDeadline(clock.instant())) {
            Optional<ReleaseDocument> release = releases.find(offer.releaseId());
            if (release.isPresent() && release.get().granted(offer.id())) {
                // a yes in time was granted the dose and is being confirmed (or crashed before): finish it instead
                closing.confirm(offer, release.get());
            } else {
                // if a grant comes after this read, the offer ending here makes the grant's dose go back
                closing.expire(offer, OfferExpired.Reason.DEADLINE_PASSED);
            }
            releasesToRefill.add(offer.releaseId());
        }
        releasesToRefill.forEach(offering::nextWave);
        busy.forgetLapsed(clock.instant());
    }

    /**
     * A crash between claiming a candidate and writing the offer leaves a claim with no offer (and perhaps an open
     * offer counted by the release): free both.
     */
    @Scheduled(fixedDelayString = "${nachruecker.allocation.orphan-sweep-interval:60s}")
    public void releaseOrphanClaims() {
        for (CandidateDocument claimed : candidates.claimedBefore(
                clock.instant().minus(properties.orphanClaimAfter()))) {
            if (!offers.exists(claimed.activeOfferId())) {
                log.warn("freeing candidate claim {} that has no offer", claimed.activeOfferId());
                if (claimed.claimReleaseId() != null) {
                    releases.dropOffer(claimed.claimReleaseId(), claimed.activeOfferId());
                }
                candidates.release(claimed.id(), claimed.activeOfferId());
            }
        }
    }
}
