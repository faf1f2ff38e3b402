package de.nachruecker.allocation.offer.model;

import de.nachruecker.allocation.pool.model.PoolCandidate;

/**
 * One thing at a time: not while the candidate holds an open offer or a confirmed appointment, and never the same
 * release twice (who declined or let an offer expire is not asked again for it).
 */
public final class NoOpenOfferPolicy implements EligibilityPolicy {

    @Override
    public boolean admits(PoolCandidate candidate, OfferContext context) {
        return !context.busy().test(candidate.id()) && !context.offeredBefore().test(candidate.id());
    }
}
