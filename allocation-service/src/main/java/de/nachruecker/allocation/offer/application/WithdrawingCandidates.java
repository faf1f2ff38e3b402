package de.nachruecker.allocation.offer.application;

import de.nachruecker.allocation.offer.model.OfferStatus;
import de.nachruecker.events.offer.OfferExpired;
import de.nachruecker.allocation.offer.persistence.OfferStore;
import org.springframework.stereotype.Service;

/**
 * A candidate who leaves the pool while holding an open offer frees it, and the next candidates are offered at once.
 * A confirmed appointment stays as it is: the centre handles a cancellation.
 */
@Service
public class WithdrawingCandidates {

    private final OfferStore offers;
    private final ClosingOffers closing;
    private final OfferingDoses offering;

    public WithdrawingCandidates(OfferStore offers, ClosingOffers closing, OfferingDoses offering) {
        this.offers = offers;
        this.closing = closing;
        this.offering = offering;
    }

    public void voidOpenOffer(String candidateId, String offerId) {
        offers.find(offerId).filter(offer -> offer.candidateId().equals(candidateId)).ifPresent(offer -> {
            if (offer.status() == OfferStatus.MADE) {
                closing.expire(offer, OfferExpired.Reason.CANDIDATE_WITHDRAWN);
                offering.nextWave(offer.releaseId());
            }
        });
    }
}
