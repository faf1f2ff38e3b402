package de.nachruecker.load.sim;

import de.nachruecker.load.pool.SeededCandidate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dose confirmed to a candidate while a higher-ranked candidate of the same centre was in the pool, eligible for
 * the release, free and never asked for it. "Higher-ranked" is the allocation service's prioritised order
 * ({@link SeededCandidate#PRIORITY_ORDER}); "eligible" is what can be told from outside: the centre, the product's
 * minimum age on the day, and travel no longer than the confirmed candidate's (who was feasible); "free" is no open
 * offer and no confirmed appointment during the {@code grace} before the confirmed candidate was asked (a decline
 * in the same moment as a wave is planned is a race, not an inversion).
 */
public final class PriorityInversions {

    /** @param skipped the higher-ranked candidate nobody asked */
    public record Inversion(String releaseId, String confirmedCandidate, String skipped) {
    }

    private final Map<String, List<SeededCandidate>> byCentre = new HashMap<>();
    private final Map<String, Integer> minAgeByProduct;
    private final LocalDate day;
    private final Duration grace;

    public PriorityInversions(List<SeededCandidate> pool, Map<String, Integer> minAgeByProduct, LocalDate day,
                              Duration grace) {
        for (SeededCandidate candidate : pool) {
            candidate.centreIds().forEach(centre -> byCentre.computeIfAbsent(centre, c -> new ArrayList<>())
                    .add(candidate));
        }
        byCentre.values().forEach(list -> list.sort(SeededCandidate.PRIORITY_ORDER));
        this.minAgeByProduct = Map.copyOf(minAgeByProduct);
        this.day = day;
        this.grace = grace;
    }

    List<Inversion> find(List<RunRelease> releases, OfferTimeline offers, Map<String, SeededCandidate> pool) {
        Map<String, RunRelease> releaseById = new HashMap<>();
        releases.forEach(release -> releaseById.put(release.releaseId(), release));
        List<Inversion> inversions = new ArrayList<>();
        List<OfferTimeline.Offer> confirmed = new ArrayList<>(offers.confirmedOffers());
        confirmed.sort(Comparator.comparing(OfferTimeline.Offer::madeAt));
        for (OfferTimeline.Offer dose : confirmed) {
            RunRelease release = releaseById.get(dose.releaseId());
            SeededCandidate winner = pool.get(dose.candidateId());
            if (release == null || winner == null) {
                continue;
            }
            skippedFor(release, dose, winner, offers)
                    .ifPresent(skipped -> inversions.add(new Inversion(release.releaseId(), winner.id(), skipped.id())));
        }
        return inversions;
    }

    private Optional<SeededCandidate> skippedFor(RunRelease release, OfferTimeline.Offer dose, SeededCandidate winner,
                                                 OfferTimeline offers) {
        Instant asked = dose.madeAt();
        int minAge = minAgeByProduct.getOrDefault(release.product(), 0);
        for (SeededCandidate other : byCentre.getOrDefault(release.centreId(), List.of())) {
            if (SeededCandidate.PRIORITY_ORDER.compare(other, winner) >= 0) {
                return Optional.empty();
            }
            if (other.ageOn(day) >= minAge && other.travelMinutes() <= winner.travelMinutes()
                    && freeAround(other, asked, offers) && !askedFor(other, release, dose.closedAt(), offers)) {
                return Optional.of(other);
            }
        }
        return Optional.empty();
    }

    private boolean freeAround(SeededCandidate candidate, Instant asked, OfferTimeline offers) {
        Instant from = asked.minus(grace);
        return offers.ofCandidate(candidate.id()).stream().noneMatch(offer -> offer.openDuring(from, asked)
                || offer.confirmed() && offer.madeAt().isBefore(asked));
    }

    /** Offered this release before the winner's confirmation (a later wave still counts as asked). */
    private static boolean askedFor(SeededCandidate candidate, RunRelease release, Instant until,
                                    OfferTimeline offers) {
        return offers.ofCandidate(candidate.id()).stream().anyMatch(offer -> offer.releaseId()
                .equals(release.releaseId()) && (until == null || !offer.madeAt().isAfter(until)));
    }
}
