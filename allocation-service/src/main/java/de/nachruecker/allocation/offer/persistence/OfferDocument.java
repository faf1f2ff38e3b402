package de.nachruecker.allocation.offer.persistence;

import de.nachruecker.allocation.offer.model.Offer;
import de.nachruecker.allocation.offer.model.OfferStatus;
import de.nachruecker.support.outbox.PendingEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * An {@link Offer} as stored, with the events its changes still have to publish ({@code outbox}). A unique index on
 * (releaseId, candidateId) keeps a candidate from being offered the same release twice. {@code unsent}: true from the
 * write until the offer's message is requested (then removed). {@code message}: the offer's message, held back from
 * the write until it is requested (then moved to the outbox) or the offer ends.
 */
@Document(OfferDocument.COLLECTION)
public record OfferDocument(
        @Id String id, String releaseId, String candidateId, String centreId, String product, int wave, int rank,
        int ruleVersion, OfferStatus status, Instant madeAt, Instant answerDeadline, String answerTokenHash,
        Instant decidedAt, List<PendingEvent> outbox, Instant arrivalRecordedAt, Instant deliveredAt,
        Instant acceptedAt, Boolean unsent, PendingEvent message) {

    public static final String COLLECTION = "offers";

    public static OfferDocument of(Offer offer, List<PendingEvent> outbox, PendingEvent message) {
        return new OfferDocument(offer.id(), offer.releaseId(), offer.candidateId(), offer.centreId(), offer.product(),
                offer.wave(), offer.rank(), offer.ruleVersion(), offer.status(), offer.madeAt(),
                offer.answerDeadline(), offer.answerTokenHash(), offer.decidedAt(), List.copyOf(outbox),
                offer.arrivalRecordedAt(), offer.deliveredAt(), offer.acceptedAt(), offer.sent() ? null : true,
                offer.sent() ? null : message);
    }

    /** Offers written before {@code unsent} was recorded count as sent. */
    public Offer toOffer() {
        return new Offer(id, releaseId, candidateId, centreId, product, wave, rank, ruleVersion, status, madeAt,
                answerDeadline, answerTokenHash, decidedAt, arrivalRecordedAt, deliveredAt, acceptedAt,
                !Boolean.TRUE.equals(unsent));
    }
}
