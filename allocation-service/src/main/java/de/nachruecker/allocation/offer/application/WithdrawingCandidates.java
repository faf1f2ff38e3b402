package de.nachruecker.allocation.offer.application;

import de.nachruecker.allocation.pool.application.WithdrawnCandidateOffers;
import de.nachruecker.events.offer.OfferExpired;
import org.springframework.stereotype.Service;

/**
 * A candidate who leaves the pool while holding an open offer frees it, and the next candidates are offered at once.
 * A confirmed appointment stays as it is: the centre handles a cancellation.
 */
@Service
public class WithdrawingCandidates implements WithdrawnCandidateOffers {

    private final Offers offers;
    private final ClosingOffers closing;
    private final OfferingDoses offering;

    public WithdrawingCandidates(Offers offers, ClosingOffers closing, OfferingDoses offering) {
        this.offers = offers;
        this.closing = closing;
        this.offering = offering;
    }

    @Override
    public void voidOpenOffer(String candidateId, String offerId) {
        offers.find(offerId).filter(offer -> offer.candidateId().equals(candidateId)).ifPresent(offer -> {
            if (offer.isOpen()) {
                closing.expire(offer, OfferExpired.Reason.CANDIDATE_WITHDRAWN);
                offering.nextWave(offer.releaseId());
            }
        });
    }
}
