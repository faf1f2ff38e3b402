package de.nachruecker.allocation.offer.application;

import de.nachruecker.allocation.offer.model.Offer;
import de.nachruecker.support.outbox.PendingEvent;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The offers, each kept with the events its changes still have to publish (the outbox). Every write is one
 * conditional single-document write; the events of a write are relayed with it.
 */
public interface Offers {

    /**
     * Writes new offers with their events, in one write for all of them, each with its message held back (not
     * relayed) until {@link #requestMessages}: if the writer dies in between, the messages stay with their offers for
     * {@link RecoveringUnannouncedOffers}.
     *
     * @return the ids of the offers written; one whose candidate was offered this release before is not
     */
    Set<String> addAll(List<NewOffer> newOffers);

    /**
     * Requests each offer's message, once: only while that offer is open and its message not requested yet (a
     * conditional write per offer, sent together).
     *
     * @param written offers as {@link #addAll} wrote them: their events and their held-back message
     * @return the ids of the offers whose message was requested; an offer that had ended gets none
     */
    Set<String> requestMessages(List<NewOffer> written);

    /**
     * Requests one offer's message, as {@link #requestMessages} does.
     *
     * @return false if the offer had ended (no message then) or its message was requested before
     */
    boolean requestMessage(String offerId, PendingEvent message);

    /**
     * Open offers made before {@code cutoff} whose message was never requested (their wave stopped between writing
     * them and requesting their messages), with the messages held back for them.
     */
    List<Unannounced> unannouncedBefore(Instant cutoff);

    Optional<Offer> find(String offerId);

    /** These offers by id, read together (one query in a store); ids of no offer are left out. */
    Map<String, Offer> findAll(Collection<String> offerIds);

    /**
     * Applies {@code change} with its events, only while the offer is in the state the change needs.
     *
     * @return the offer as it was the moment it changed (so whether it had been delivered then), or empty if it was
     *         not in that state
     */
    Optional<Offer> change(String offerId, Offer.Change change, Instant now, List<PendingEvent> events);

    /**
     * Records the deliveries of these offers' messages, each only while its offer is open, in one bulk of conditional
     * writes (each applied or refused on its own).
     *
     * @return the offers whose delivery it recorded (they were still open)
     */
    Set<String> recordDeliveries(Map<String, Instant> deliveredAtByOfferId);

    /** Records a yes given in time on the open offer (again if repeated); false if the offer was not open. */
    boolean recordAcceptance(String offerId, Instant acceptedAt);

    List<Offer> openPastDeadline(Instant now);

    /** Which of these offers exist. */
    Set<String> existing(Collection<String> offerIds);

    /** The audit trail of a release: every offer in wave and rank order. */
    List<Offer> ofRelease(String releaseId);

    /**
     * An open offer nobody was told about.
     *
     * @param message the message held back for it; {@code null} for an offer written before messages were held back
     */
    record Unannounced(Offer offer, PendingEvent message) {
    }

    /** An offer to write, with its events and its message held back. */
    record NewOffer(Offer offer, List<PendingEvent> events, PendingEvent message) {
    }
}
