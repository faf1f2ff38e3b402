package de.nachruecker.allocation.offer.application;

import de.nachruecker.allocation.release.application.ReleaseOffers;
import de.nachruecker.allocation.release.model.ReleaseLedger;
import de.nachruecker.events.offer.OfferExpired;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Map;

/** What a change of a release asks of its offers, answered by the waves and by closing. */
@Service
public class OffersForReleases implements ReleaseOffers {

    private final OfferingDoses offering;
    private final ClosingOffers closing;

    public OffersForReleases(OfferingDoses offering, ClosingOffers closing) {
        this.offering = offering;
        this.closing = closing;
    }

    @Override
    public void firstWaves(List<ReleaseLedger> created, Map<String, String> correlationIds, long receivedNanos) {
        offering.firstWaves(created, correlationIds, receivedNanos);
    }

    @Override
    public void nextWave(String releaseId) {
        offering.nextWave(releaseId);
    }

    @Override
    public void topUp(ReleaseLedger seen) {
        offering.topUp(seen);
    }

    @Override
    public void voidOpenOffers(String releaseId, OfferExpired.Reason reason) {
        closing.voidOpenOffers(releaseId, reason);
    }
}
