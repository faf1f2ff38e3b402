package de.nachruecker.load.sim;

import de.nachruecker.events.offer.DosesExpired;
import de.nachruecker.events.offer.OfferEvent;
import de.nachruecker.events.offer.ReleaseFilled;
import de.nachruecker.load.pool.SeededCandidate;
import de.nachruecker.load.stats.LatencySummary;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a simulated day achieved, from what was released, what the allocation service decided (the {@code offers}
 * topic) and what candidates were told.
 *
 * @param timeToFillMinutes    release accepted → {@code ReleaseFilled}, in the day's minutes, filled releases only
 * @param travelledForNothing  candidates told "confirmed" whose dose went to someone else, plus confirmations beyond
 *                             a release's doses (must be 0)
 */
public record DayReport(int releases, int dosesReleased, int dosesUsed, int dosesExpiredReported,
                        int releasesNotFilled, LatencySummary timeToFillMinutes, int offersMade,
                        List<PriorityInversions.Inversion> inversions, int travelledForNothing) {

    public double usedShare() {
        return dosesReleased == 0 ? Double.NaN : (double) dosesUsed / dosesReleased;
    }

    public double offersPerDose() {
        return dosesUsed == 0 ? Double.NaN : (double) offersMade / dosesUsed;
    }

    /**
     * @param toldConfirmed candidates the platform told their appointment is confirmed (answer API or SMS)
     * @param clock         to turn measured durations into the day's
     */
    public static DayReport of(List<RunRelease> releases, List<OfferEvent> events, List<SeededCandidate> pool,
                               Set<String> toldConfirmed, PriorityInversions inversions, SimClock clock) {
        OfferTimeline offers = new OfferTimeline(events);
        Map<String, Long> confirmedPerRelease = offers.confirmedOffers().stream()
                .collect(Collectors.groupingBy(OfferTimeline.Offer::releaseId, Collectors.counting()));
        Map<String, ReleaseFilled> filled = new HashMap<>();
        int expiredReported = 0;
        for (OfferEvent event : events) {
            if (event instanceof ReleaseFilled f) {
                filled.putIfAbsent(f.releaseId(), f);
            } else if (event instanceof DosesExpired e) {
                expiredReported += e.dosesExpired();
            }
        }
        int released = 0;
        int used = 0;
        int overConfirmed = 0;
        List<Double> toFill = new ArrayList<>();
        for (RunRelease release : releases) {
            released += release.doses();
            long confirmed = confirmedPerRelease.getOrDefault(release.releaseId(), 0L);
            used += (int) Math.min(confirmed, release.doses());
            overConfirmed += (int) Math.max(0, confirmed - release.doses());
            ReleaseFilled fill = filled.get(release.releaseId());
            if (fill != null) {
                toFill.add(clock.day(Duration.between(release.acceptedAt(), fill.occurredAt())).toMillis() / 60_000.0);
            }
        }
        Set<String> gotTheirDose = offers.confirmedOffers().stream().map(OfferTimeline.Offer::candidateId)
                .collect(Collectors.toSet());
        int toldInVain = (int) toldConfirmed.stream().filter(candidate -> !gotTheirDose.contains(candidate)).count();
        Map<String, SeededCandidate> byId = pool.stream()
                .collect(Collectors.toMap(SeededCandidate::id, Function.identity()));
        return new DayReport(releases.size(), released, used, expiredReported, releases.size() - toFill.size(),
                LatencySummary.of(toFill), offers.offersMade(), inversions.find(releases, offers, byId),
                toldInVain + overConfirmed);
    }
}
