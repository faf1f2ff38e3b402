package de.nachruecker.allocation.offer.model;

import de.nachruecker.allocation.pool.model.PoolCandidate;

/** One named rule a candidate must pass to be offered a dose of a release. */
public interface EligibilityPolicy {

    boolean admits(PoolCandidate candidate, OfferContext context);
}
