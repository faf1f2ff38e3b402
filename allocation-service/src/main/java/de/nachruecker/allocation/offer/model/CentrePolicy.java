package de.nachruecker.allocation.offer.model;

import de.nachruecker.allocation.pool.model.PoolCandidate;

/** Only candidates who chose the release's centre. */
public final class CentrePolicy implements EligibilityPolicy {

    @Override
    public boolean admits(PoolCandidate candidate, OfferContext context) {
        return candidate.centreIds().contains(context.release().centreId());
    }
}
