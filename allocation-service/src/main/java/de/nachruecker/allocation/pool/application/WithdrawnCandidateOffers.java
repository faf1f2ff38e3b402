package de.nachruecker.allocation.pool.application;

/**
 * What the pool asks of offers when a candidate with an open offer withdraws. Implemented where the offers are kept,
 * so that the pool does not depend on offers.
 */
public interface WithdrawnCandidateOffers {

    void voidOpenOffer(String candidateId, String offerId);
}
