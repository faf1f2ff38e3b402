package de.nachruecker.allocation.release.application;

import de.nachruecker.allocation.release.model.ReleaseLedger;
import de.nachruecker.events.offer.OfferExpired;

import java.util.List;
import java.util.Map;

/**
 * What a change of a release asks of its offers: the next wave, or the end of its open offers. Implemented where the
 * offers are made, so that releases do not depend on offers.
 */
public interface ReleaseOffers {

    /**
     * The first waves of new releases, each stored under this instance's lease ({@link Releases#createAll}), made
     * together; {@code receivedNanos} starts their first-offer latency clocks.
     *
     * @param correlationIds by release id, the work that published each release: its offers' events carry it on
     */
    void firstWaves(List<ReleaseLedger> created, Map<String, String> correlationIds, long receivedNanos);

    void nextWave(String releaseId);

    /** The vial clock's top-up of a release as it has just read it: a wave only if one could be wanted. */
    void topUp(ReleaseLedger seen);

    void voidOpenOffers(String releaseId, OfferExpired.Reason reason);
}
