package de.nachruecker.allocation.release.persistence;

import de.nachruecker.allocation.release.model.ReleaseLedger;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import de.nachruecker.support.outbox.PendingEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * A {@link ReleaseLedger} as stored, in one document so that every grant is a single atomic update, with the events its
 * changes still have to publish ({@code outbox}). {@code leaseOwner}, {@code leaseUntil} and {@code wavePending} belong to the wave lease ({@link ReleaseLeases}).
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

    public ReleaseLedger toLedger() {
        return new ReleaseLedger(id, centreId, product, doseCount, dosesLeft, confirmed, windowFrom, windowTo,
                usableUntil, status, wave, accepted, answered, openOfferIds, offeredCandidateIds, grantedOfferIds,
                atRiskReported, releasedAt, firstOfferAt, processedEventIds, returnedOfferIds);
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
}
