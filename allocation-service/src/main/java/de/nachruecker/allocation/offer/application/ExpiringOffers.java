package de.nachruecker.allocation.offer.application;

import de.nachruecker.allocation.offer.model.Offer;
import de.nachruecker.allocation.release.application.Releases;
import de.nachruecker.events.offer.OfferExpired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.LinkedHashSet;
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

    private final Offers offers;
    private final ClosingOffers closing;
    private final AnsweringOffers answering;
    private final Releases releases;
    private final OfferingDoses offering;
    private final BusyCandidates busy;
    private final Clock clock;

    public ExpiringOffers(Offers offers, ClosingOffers closing, AnsweringOffers answering, Releases releases,
                          OfferingDoses offering, BusyCandidates busy, Clock clock) {
        this.offers = offers;
        this.closing = closing;
        this.answering = answering;
        this.releases = releases;
        this.offering = offering;
        this.busy = busy;
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
}
