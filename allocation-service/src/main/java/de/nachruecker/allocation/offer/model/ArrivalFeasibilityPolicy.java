package de.nachruecker.allocation.offer.model;

import de.nachruecker.allocation.pool.model.PoolCandidate;

import java.time.Instant;

/**
 * Nobody travels for a dose they cannot reach in time: now + response window + travel minutes must be no later than
 * the end of the appointment window and usable-until, and the travel time within the rule's limit.
 */
public final class ArrivalFeasibilityPolicy implements EligibilityPolicy {

    @Override
    public boolean admits(PoolCandidate candidate, OfferContext context) {
        if (candidate.travelMinutes() > context.rules().maxTravelMinutes()) {
            return false;
        }
        Instant arrival = context.answerDeadline().plusSeconds(60L * candidate.travelMinutes());
        return !arrival.isAfter(context.release().latestArrival());
    }
}
