package de.nachruecker.allocation.offer.persistence;

import de.nachruecker.allocation.offer.model.OfferStatus;
import de.nachruecker.support.outbox.PendingEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * One offer with its audit facts (wave, rank, rule version, when the centre recorded the arrival of a confirmed
 * candidate) and the events its changes still have to publish. A
 * unique index on (releaseId, candidateId) keeps a candidate from being offered the same release twice.
 * {@code deliveredAt}: when the offer message was handed to the SMS gateway or mail server, recorded only while the offer
 * was open (a later report is ignored), so it says whether the citizen could see the offer before it ended.
 * {@code acceptedAt}: when a yes given before the deadline was recorded on the open offer, before its grant; from then
 * on the expiry sweep honours the yes instead of expiring the offer. {@code unsent}: true from the write until the
 * offer's message is requested (then removed), so an offer that ended before anybody was told is known as such.
 */
@Document(OfferDocument.COLLECTION)
public record OfferDocument(
        @Id String id, String releaseId, String candidateId, String centreId, String product, int wave, int rank,
        int ruleVersion, OfferStatus status, Instant madeAt, Instant answerDeadline, String answerTokenHash,
        Instant decidedAt, List<PendingEvent> outbox, Instant arrivalRecordedAt, Instant deliveredAt,
        Instant acceptedAt, Boolean unsent) {

    public static final String COLLECTION = "offers";

    public OfferDocument withOutbox(List<PendingEvent> events) {
        return new OfferDocument(id, releaseId, candidateId, centreId, product, wave, rank, ruleVersion, status, madeAt,
                answerDeadline, answerTokenHash, decidedAt, List.copyOf(events), arrivalRecordedAt, deliveredAt,
                acceptedAt, unsent);
    }

    public boolean delivered() {
        return deliveredAt != null;
    }

    /** Whether the offer's message was requested (offers written before this was recorded count as sent). */
    public boolean sent() {
        return !Boolean.TRUE.equals(unsent);
    }

    public boolean acceptedInTime() {
        return acceptedAt != null;
    }
}
