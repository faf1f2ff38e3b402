package de.nachruecker.load.sim;

import de.nachruecker.events.offer.OfferConfirmed;
import de.nachruecker.events.offer.OfferDeclined;
import de.nachruecker.events.offer.OfferEvent;
import de.nachruecker.events.offer.OfferExpired;
import de.nachruecker.events.offer.OfferMade;
import de.nachruecker.events.offer.OfferRejectedTooLate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The offers of a run as intervals per candidate: when each was open, and whether and when it was confirmed. */
final class OfferTimeline {

    /** @param closedAt null while open at the end of the run; @param confirmed the dose went to this candidate */
    record Offer(String offerId, String releaseId, String candidateId, Instant madeAt, Instant closedAt,
                 boolean confirmed) {

        boolean openAt(Instant t) {
            return !madeAt.isAfter(t) && (closedAt == null || closedAt.isAfter(t));
        }

        /** Open at some moment of [from, to]. */
        boolean openDuring(Instant from, Instant to) {
            return !madeAt.isAfter(to) && (closedAt == null || closedAt.isAfter(from));
        }
    }

    private final Map<String, Offer> byOfferId = new HashMap<>();
    private final Map<String, List<Offer>> byCandidate = new HashMap<>();

    OfferTimeline(List<OfferEvent> events) {
        Map<String, OfferMade> made = new HashMap<>();
        Map<String, Instant> closed = new HashMap<>();
        Map<String, Boolean> confirmed = new HashMap<>();
        for (OfferEvent event : events) {
            if (event instanceof OfferMade m) {
                made.putIfAbsent(m.offerId(), m);
            } else if (event instanceof OfferConfirmed c) {
                closed.putIfAbsent(c.offerId(), c.occurredAt());
                confirmed.put(c.offerId(), true);
            } else if (event instanceof OfferDeclined d) {
                closed.putIfAbsent(d.offerId(), d.occurredAt());
            } else if (event instanceof OfferExpired e) {
                closed.putIfAbsent(e.offerId(), e.occurredAt());
            } else if (event instanceof OfferRejectedTooLate r) {
                closed.putIfAbsent(r.offerId(), r.occurredAt());
            }
        }
        for (OfferMade m : made.values()) {
            Offer offer = new Offer(m.offerId(), m.releaseId(), m.candidateId(), m.occurredAt(),
                    closed.get(m.offerId()), confirmed.getOrDefault(m.offerId(), false));
            byOfferId.put(offer.offerId(), offer);
            byCandidate.computeIfAbsent(offer.candidateId(), id -> new ArrayList<>()).add(offer);
        }
    }

    Optional<Offer> offer(String offerId) {
        return Optional.ofNullable(byOfferId.get(offerId));
    }

    List<Offer> ofCandidate(String candidateId) {
        return byCandidate.getOrDefault(candidateId, List.of());
    }

    List<Offer> confirmedOffers() {
        return byOfferId.values().stream().filter(Offer::confirmed).toList();
    }

    int offersMade() {
        return byOfferId.size();
    }
}
