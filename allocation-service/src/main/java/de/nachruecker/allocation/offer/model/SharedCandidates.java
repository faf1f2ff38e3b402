package de.nachruecker.allocation.offer.model;

import de.nachruecker.allocation.pool.model.PoolCandidate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The candidates the waves of one batch draw from: each candidate goes to at most one wave of the batch. The waves are
 * planned in memory before any of them claims, so without this the releases of one centre would all reach for the
 * same best-ranked candidates, and all but one wave would see its claims refused.
 */
public final class SharedCandidates {

    private final Set<String> taken = new HashSet<>();

    /**
     * The next up to {@code count} candidates of {@code eligible} that no wave of the batch took before, taken now
     * (whatever becomes of their claims: a candidate refused to one wave is not tried by another of the batch).
     */
    public List<PoolCandidate> take(Iterator<PoolCandidate> eligible, int count) {
        List<PoolCandidate> next = new ArrayList<>();
        while (next.size() < count && eligible.hasNext()) {
            PoolCandidate candidate = eligible.next();
            if (taken.add(candidate.id())) {
                next.add(candidate);
            }
        }
        return next;
    }
}
