package de.nachruecker.allocation.testing;

import de.nachruecker.allocation.offer.application.Offers;
import de.nachruecker.allocation.offer.model.Offer;
import de.nachruecker.support.outbox.PendingEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link Offers} in memory, with the store's guards: each method is atomic, as one conditional write is. */
public class InMemoryOffers implements Offers {

    private final Map<String, Offer> offers = new LinkedHashMap<>();
    private final Map<String, List<PendingEvent>> outboxes = new LinkedHashMap<>();
    private final Map<String, PendingEvent> heldBack = new LinkedHashMap<>();
    private int killsBeforeMessageRequest;
    private Runnable afterNextWrite;
    private int writesOfMany;
    private int reads;

    @Override
    public synchronized Set<String> addAll(List<NewOffer> newOffers) {
        writesOfMany++;
        Set<String> written = new LinkedHashSet<>();
        newOffers.forEach(draft -> {
            Offer offer = draft.offer();
            if (offers.values().stream().noneMatch(other -> other.releaseId().equals(offer.releaseId())
                    && other.candidateId().equals(offer.candidateId()))) {
                offers.put(offer.id(), offer);
                outboxes.put(offer.id(), new ArrayList<>(draft.events()));
                heldBack.put(offer.id(), draft.message());
                written.add(offer.id());
            }
        });
        Runnable after = afterNextWrite;
        afterNextWrite = null;
        if (after != null) {
            after.run();
        }
        return written;
    }

    @Override
    public synchronized Set<String> requestMessages(List<NewOffer> written) {
        if (killsBeforeMessageRequest > 0) {
            killsBeforeMessageRequest--;
            throw new IllegalStateException("the wave's process was killed before it requested the messages");
        }
        writesOfMany++;
        Set<String> requested = new LinkedHashSet<>();
        written.forEach(draft -> {
            String offerId = draft.offer().id();
            PendingEvent message = draft.message();
            Offer offer = offers.get(offerId);
            if (offer != null && offer.isOpen() && !offer.sent()) {
                offers.put(offerId, offer.withMessageRequested());
                outboxes.get(offerId).add(message);
                heldBack.remove(offerId);
                requested.add(offerId);
            }
        });
        return requested;
    }

    @Override
    public synchronized boolean requestMessage(String offerId, PendingEvent message) {
        Offer offer = offers.get(offerId);
        if (offer == null || !offer.isOpen() || offer.sent()) {
            return false;
        }
        offers.put(offerId, offer.withMessageRequested());
        outboxes.get(offerId).add(message);
        heldBack.remove(offerId);
        return true;
    }

    @Override
    public synchronized List<Unannounced> unannouncedBefore(Instant cutoff) {
        return offers.values().stream()
                .filter(offer -> offer.isOpen() && !offer.sent() && offer.madeAt().isBefore(cutoff))
                .map(offer -> new Unannounced(offer, heldBack.get(offer.id()))).toList();
    }

    /** Runs {@code action} once, right after the next offers are inserted (what else happens meanwhile). */
    public synchronized void afterNextWrite(Runnable action) {
        afterNextWrite = action;
    }

    /** The next message request fails as if the wave's process died just before it (the offer stays written). */
    public synchronized void killBeforeNextMessageRequest() {
        killsBeforeMessageRequest++;
    }

    @Override
    public synchronized Optional<Offer> find(String offerId) {
        reads++;
        return Optional.ofNullable(offers.get(offerId));
    }

    @Override
    public synchronized Optional<Offer> change(String offerId, Offer.Change change, Instant now,
                                               List<PendingEvent> events) {
        Offer before = offers.get(offerId);
        if (before == null || !change.appliesTo(before)) {
            return Optional.empty();
        }
        offers.put(offerId, before.after(change, now));
        outboxes.get(offerId).addAll(events);
        return Optional.of(before);
    }

    /** One write, as the store's bulk. */
    @Override
    public synchronized Set<String> recordDeliveries(Map<String, Instant> deliveredAtByOfferId) {
        writesOfMany++;
        return deliveredAtByOfferId.entrySet().stream()
                .filter(entry -> offers.containsKey(entry.getKey()) && offers.get(entry.getKey()).isOpen())
                .peek(entry -> offers.put(entry.getKey(), offers.get(entry.getKey()).withDelivery(entry.getValue())))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** One read, as the store's query. */
    @Override
    public synchronized Map<String, Offer> findAll(Collection<String> offerIds) {
        reads++;
        Map<String, Offer> found = new LinkedHashMap<>();
        offerIds.stream().filter(offers::containsKey).forEach(id -> found.put(id, offers.get(id)));
        return found;
    }

    @Override
    public synchronized boolean recordAcceptance(String offerId, Instant acceptedAt) {
        Offer before = offers.get(offerId);
        if (before == null || !before.isOpen()) {
            return false;
        }
        offers.put(offerId, before.withAcceptance(acceptedAt));
        return true;
    }

    @Override
    public synchronized List<Offer> openPastDeadline(Instant now) {
        return offers.values().stream().filter(offer -> offer.isOpen() && offer.answerDeadline().isBefore(now))
                .toList();
    }

    @Override
    public synchronized Set<String> existing(Collection<String> offerIds) {
        return offerIds.stream().filter(offers::containsKey).collect(Collectors.toSet());
    }

    @Override
    public synchronized List<Offer> ofRelease(String releaseId) {
        return offers.values().stream().filter(offer -> offer.releaseId().equals(releaseId))
                .sorted(Comparator.comparingInt(Offer::wave).thenComparingInt(Offer::rank)).toList();
    }

    /** The events and messages written with the offer's changes, in order (what the relay would publish). */
    public synchronized List<PendingEvent> outbox(String offerId) {
        return List.copyOf(outboxes.getOrDefault(offerId, List.of()));
    }

    /** How many reads of offers by id there were ({@link #find}, {@link #findAll}: one each). */
    public synchronized int reads() {
        return reads;
    }

    /** How many writes of several offers at once ({@link #addAll}, {@link #requestMessages}) were made. */
    public synchronized int writesOfMany() {
        return writesOfMany;
    }

    public synchronized List<Offer> all() {
        return List.copyOf(offers.values());
    }
}
