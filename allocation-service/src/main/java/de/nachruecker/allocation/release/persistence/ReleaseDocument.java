package de.nachruecker.allocation.release.persistence;

import de.nachruecker.allocation.release.model.Release;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import de.nachruecker.support.outbox.PendingEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * A release and its allocation state in one document, so that every grant is a single atomic update:
 * {@code dosesLeft} only goes down while positive, and {@code grantedOfferIds} makes a grant happen once per offer.
 * {@code openOfferIds} and {@code offeredCandidateIds} are sets, so repeating an update after a crash changes nothing.
 * {@code returnedOfferIds} are granted offers whose candidate missed the appointment, or whose offer ended unconfirmed
 * after the grant (an expiry that overtook the confirmation): each dose returns once.
 * {@code leaseOwner}, {@code leaseUntil} and {@code wavePending} belong to the wave lease ({@link ReleaseLeases}).
 */
@Document(ReleaseDocument.COLLECTION)
public record ReleaseDocument(
        @Id String id, String centreId, String product, int doseCount, int dosesLeft, int confirmed,
        Instant windowFrom, Instant windowTo, Instant usableUntil, ReleaseStatus status, int wave, int accepted,
        int answered, List<String> openOfferIds, List<String> offeredCandidateIds, List<String> grantedOfferIds,
        boolean atRiskReported, Instant releasedAt, Instant firstOfferAt, List<String> processedEventIds,
        List<PendingEvent> outbox, List<String> returnedOfferIds, String leaseOwner, Instant leaseUntil,
        boolean wavePending) {

    public static final String COLLECTION = "releases";

    public Release toRelease() {
        return new Release(id, centreId, product, doseCount, windowFrom, windowTo, usableUntil, confirmed, status,
                size(openOfferIds), accepted, answered, wave);
    }

    public List<String> openOffers() {
        return openOfferIds == null ? List.of() : openOfferIds;
    }

    public boolean offeredBefore(String candidateId) {
        return offeredCandidateIds != null && offeredCandidateIds.contains(candidateId);
    }

    public boolean granted(String offerId) {
        return grantedOfferIds != null && grantedOfferIds.contains(offerId);
    }

    public boolean returned(String offerId) {
        return returnedOfferIds != null && returnedOfferIds.contains(offerId);
    }

    private static int size(List<String> list) {
        return list == null ? 0 : list.size();
    }
}
