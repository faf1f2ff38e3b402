package de.nachruecker.allocation.offer.model;

import de.nachruecker.allocation.pool.model.PoolCandidate;

import java.util.List;

/** All policies together; the cheap, most selective ones first. */
public record Eligibility(List<EligibilityPolicy> policies) {

    public Eligibility {
        policies = List.copyOf(policies);
    }

    public static Eligibility standard() {
        return new Eligibility(List.of(new CentrePolicy(), new PriorityGroupPolicy(), new NoOpenOfferPolicy(),
                new AgeLimitPolicy(), new ArrivalFeasibilityPolicy()));
    }

    public boolean admits(PoolCandidate candidate, OfferContext context) {
        for (EligibilityPolicy policy : policies) {
            if (!policy.admits(candidate, context)) {
                return false;
            }
        }
        return true;
    }
}
