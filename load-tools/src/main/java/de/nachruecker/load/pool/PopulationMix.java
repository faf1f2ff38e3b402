package de.nachruecker.load.pool;

import de.nachruecker.events.candidate.PriorityGroup;

import java.util.List;
import java.util.Map;

/**
 * Who is in the pool: age bands with their share of the candidates and, within a band, the share of each declared
 * priority group (80-year-olds are mostly {@code HIGHEST}, younger people with conditions {@code RAISED}, ...).
 *
 * @param centresPerCandidate at most this many centres per candidate (at least one), chosen at random
 * @param travelMinutes       [min, max] minutes a candidate needs to reach a centre, real world
 * @param waitingDays         registrations spread over this many days before the run
 */
public record PopulationMix(List<AgeBand> bands, int centresPerCandidate, List<Integer> travelMinutes,
                            int waitingDays) {

    public record AgeBand(int fromAge, int toAge, double share, Map<PriorityGroup, Double> groups) {
    }

    /** 2021-like: a tenth 80+, then 70s, 60s, and a large general population. */
    public static PopulationMix typical() {
        return new PopulationMix(List.of(
                new AgeBand(80, 95, 0.10, Map.of(PriorityGroup.HIGHEST, 1.0)),
                new AgeBand(70, 79, 0.15, Map.of(PriorityGroup.HIGH, 0.9, PriorityGroup.HIGHEST, 0.1)),
                new AgeBand(60, 69, 0.20, Map.of(PriorityGroup.RAISED, 0.85, PriorityGroup.HIGH, 0.15)),
                new AgeBand(18, 59, 0.55, Map.of(PriorityGroup.GENERAL, 0.7, PriorityGroup.RAISED, 0.2,
                        PriorityGroup.HIGH, 0.07, PriorityGroup.HIGHEST, 0.03))),
                2, List.of(10, 45), 60);
    }
}
