package de.nachruecker.registration.offer.application;

import de.nachruecker.events.DomainEvent;
import de.nachruecker.registration.offer.model.Offer;
import de.nachruecker.registration.offer.model.OfferState;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The offers made to citizens, one document each, with the events to publish in the same document. */
public interface Offers {

    /**
     * Stores new offers with one write.
     *
     * @return those stored now; the others were known already (redelivered events)
     */
    List<Offer> addAll(List<MadeOffer> made);

    /** An offer as made, with the hash of its answer token (the token itself never reaches this service). */
    record MadeOffer(Offer offer, String tokenHash) {
    }

    Optional<Offer> find(String offerId);

    Optional<Offer> findByTokenHash(String tokenHash);

    /** Offers of this candidate that are open or answered and not decided yet. */
    List<Offer> findUndecidedOf(String candidateId);

    /**
     * Atomically answers the offer if it is still open and its deadline is after {@code now}, storing {@code event} to
     * be published in the same write. Empty if another answer came first or the deadline passed.
     */
    Optional<Offer> answer(Offer offer, Instant now, DomainEvent event);

    /**
     * Moves the offer to {@code next.state()} (with its reference, if it has one) if it is still in
     * {@code current.state()}; {@code false} otherwise.
     */
    boolean changeState(Offer current, Offer next);

    /** The candidate's confirmed appointment that is not cancelled and whose arrival is not recorded, if any. */
    Optional<Offer> findAppointmentOf(String candidateId);

    /**
     * Atomically cancels the appointment if it is still confirmed, storing {@code event} to be published in the same
     * write; {@code false} if it was cancelled or its arrival recorded meanwhile.
     */
    boolean cancel(Offer appointment, DomainEvent event);
}
