package de.nachruecker.allocation.release.model;

import java.time.Instant;
import java.util.List;

/**
 * A release with its ledger of offers, as one document holds them so that every grant is a single atomic update:
 * {@code dosesLeft} only goes down while positive, and {@code grantedOfferIds} makes a grant happen once per offer.
 * {@code openOfferIds} and {@code offeredCandidateIds} are sets, so repeating an update after a crash changes nothing.
 * {@code returnedOfferIds} are granted offers whose dose came back (a missed or cancelled appointment, or an offer that
 * ended unconfirmed after its grant): each dose returns once.
 */
public record ReleaseLedger(
        String id, String centreId, String product, int doseCount, int dosesLeft, int confirmed, Instant windowFrom,
        Instant windowTo, Instant usableUntil, ReleaseStatus status, int wave, int accepted, int answered,
        List<String> openOfferIds, List<String> offeredCandidateIds, List<String> grantedOfferIds,
        boolean atRiskReported, Instant releasedAt, Instant firstOfferAt, List<String> processedEventIds,
        List<String> returnedOfferIds) {

    public ReleaseLedger {
        openOfferIds = orEmpty(openOfferIds);
        offeredCandidateIds = orEmpty(offeredCandidateIds);
        grantedOfferIds = orEmpty(grantedOfferIds);
        processedEventIds = orEmpty(processedEventIds);
        returnedOfferIds = orEmpty(returnedOfferIds);
    }

    /** What the waves are planned from. */
    public Release toRelease() {
        return new Release(id, centreId, product, doseCount, windowFrom, windowTo, usableUntil, confirmed, status,
                openOfferIds.size(), accepted, answered, wave);
    }

    public boolean isOpen() {
        return status == ReleaseStatus.OPEN;
    }

    public List<String> openOffers() {
        return openOfferIds;
    }

    public boolean offeredBefore(String candidateId) {
        return offeredCandidateIds.contains(candidateId);
    }

    public boolean granted(String offerId) {
        return grantedOfferIds.contains(offerId);
    }

    public boolean returned(String offerId) {
        return returnedOfferIds.contains(offerId);
    }

    /** A dose was granted to the offer and has not come back: the offer's candidate holds it. */
    public boolean holdsDoseOf(String offerId) {
        return granted(offerId) && !returned(offerId);
    }

    public boolean processed(String eventId) {
        return processedEventIds.contains(eventId);
    }

    private static List<String> orEmpty(List<String> ids) {
        return ids == null ? List.of() : ids;
    }
}
