package de.nachruecker.allocation.offer.model;

import de.nachruecker.allocation.pool.model.PoolCandidate;
import de.nachruecker.allocation.rules.model.RuleSet;

import java.util.Comparator;

/** Who is offered first: open priority group (while prioritised), then waiting time, then candidate id. */
public final class Ranking {

    private Ranking() {
    }

    public static Comparator<PoolCandidate> of(RuleSet rules) {
        Comparator<PoolCandidate> byWaitingTime =
                Comparator.comparing(PoolCandidate::registeredAt).thenComparing(PoolCandidate::id);
        return rules.prioritised()
                ? Comparator.<PoolCandidate>comparingInt(candidate -> candidate.group().rank()).thenComparing(byWaitingTime)
                : byWaitingTime;
    }
}
