package de.nachruecker.registration.offer.persistence;

import de.nachruecker.registration.offer.model.Answer;
import de.nachruecker.registration.offer.model.OfferState;
import de.nachruecker.support.outbox.PendingEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * An offer as stored.
 *
 * @param tokenHash  SHA-256 of the answer token (unique); the raw token is never stored
 * @param answeredAt when the citizen answered; {@code null} before
 * @param outbox     events promised by the last writes and not yet published
 * @param reference  the confirmed appointment's reference, absent until confirmed
 */
@Document(MongoOffers.COLLECTION)
record OfferDocument(
        @Id String id,
        String tokenHash,
        String releaseId,
        String candidateId,
        String centreId,
        String product,
        Instant windowFrom,
        Instant windowTo,
        Instant answerDeadline,
        OfferState state,
        Answer answer,
        Instant answeredAt,
        List<PendingEvent> outbox,
        String reference) {
}
