package de.nachruecker.allocation.offer.model;

import de.nachruecker.allocation.pool.model.PoolCandidate;

/** Only the priority groups the rule set opens. */
public final class PriorityGroupPolicy implements EligibilityPolicy {

    @Override
    public boolean admits(PoolCandidate candidate, OfferContext context) {
        return context.rules().isOpen(candidate.group());
    }
}
