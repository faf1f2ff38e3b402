package de.nachruecker.allocation.offer.application;

import de.nachruecker.allocation.AllocationProperties;
import de.nachruecker.allocation.offer.model.Offer;
import de.nachruecker.allocation.pool.application.Candidates;
import de.nachruecker.allocation.pool.model.Candidate;
import de.nachruecker.allocation.release.application.Releases;
import de.nachruecker.events.offer.OfferExpired;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Offers nobody answered in time expire and free the candidate; the next wave for their release goes out at once.
 * Runs on every instance: the conditional updates let only one of them end each offer. An overdue offer with a yes
 * given in time (recorded on the offer, or already granted a dose by the release) is honoured, not expired: confirmed
 * if a dose is left, else told too late. The expiry itself is refused once a yes is recorded, so a sweep that read the
 * offer just before the acceptance changes nothing.
 */
@Service
public class ExpiringOffers {

    private static final Logger log = LoggerFactory.getLogger(ExpiringOffers.class);

    private final Offers offers;
    private final Candidates candidates;
    private final ClosingOffers closing;
    private final AnsweringOffers answering;
    private final Releases releases;
    private final OfferingDoses offering;
    private final BusyCandidates busy;
    private final AllocationProperties properties;
    private final Clock clock;

    public ExpiringOffers(Offers offers, Candidates candidates, ClosingOffers closing,
                          AnsweringOffers answering, Releases releases, OfferingDoses offering,
                          BusyCandidates busy, AllocationProperties properties, Clock clock) {
        this.offers = offers;
        this.candidates = candidates;
        this.closing = closing;
        this.answering = answering;
        this.releases = releases;
        this.offering = offering;
        this.busy = busy;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${nachruecker.allocation.sweep-interval:5s}")
    public void expireOverdueOffers() {
        Set<String> releasesToRefill = new LinkedHashSet<>();
        for (Offer offer : offers.openPastDeadline(clock.instant())) {
            if (offer.acceptedInTime() || releases.find(offer.releaseId())
                    .filter(release -> release.granted(offer.id())).isPresent()) {
                // a yes in time is being granted or confirmed (or crashed before): finish it instead
                answering.honour(offer);
            } else {
                // refused if the yes is recorded after the read above: the acceptance goes on as if no sweep had run
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
        List<Candidate> claims = candidates.claimedBefore(clock.instant().minus(properties.orphanClaimAfter()));
        Set<String> written = offers.existing(claims.stream().map(Candidate::activeOfferId).toList());
        for (Candidate claimed : claims) {
            if (!written.contains(claimed.activeOfferId())) {
                log.warn("freeing candidate claim {} that has no offer", claimed.activeOfferId());
                if (claimed.claimReleaseId() != null) {
                    releases.dropOffers(claimed.claimReleaseId(), List.of(claimed.activeOfferId()));
                }
                candidates.release(claimed.id(), claimed.activeOfferId());
            }
        }
    }
}
