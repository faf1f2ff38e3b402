package de.nachruecker.allocation.pool.model;

import de.nachruecker.allocation.rules.model.RuleSet;
import de.nachruecker.events.candidate.PriorityGroup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The pool in memory, per centre and priority group, each sorted by waiting time, so that the best candidates for a
 * release are found by walking a few entries instead of scanning the pool. Thread-safe; iteration is weakly
 * consistent, which is fine because every offer is claimed atomically in the database afterwards.
 */
public final class CandidateIndex {

    static final Comparator<PoolCandidate> BY_WAITING_TIME =
            Comparator.comparing(PoolCandidate::registeredAt).thenComparing(PoolCandidate::id);

    private final Map<String, PoolCandidate> byId = new ConcurrentHashMap<>();
    private final Map<String, Map<PriorityGroup, NavigableSet<PoolCandidate>>> byCentre = new ConcurrentHashMap<>();

    /** Adds or replaces the candidate. */
    public synchronized void put(PoolCandidate candidate) {
        remove(candidate.id());
        byId.put(candidate.id(), candidate);
        for (String centre : candidate.centreIds()) {
            groupsOf(centre).get(candidate.group()).add(candidate);
        }
    }

    public synchronized void remove(String candidateId) {
        PoolCandidate old = byId.remove(candidateId);
        if (old != null) {
            for (String centre : old.centreIds()) {
                groupsOf(centre).get(old.group()).remove(old);
            }
        }
    }

    public Optional<PoolCandidate> find(String candidateId) {
        return Optional.ofNullable(byId.get(candidateId));
    }

    public int size() {
        return byId.size();
    }

    /**
     * Candidates of the open groups who chose {@code centreId}, best first: by group rank then waiting time while
     * prioritised, by waiting time alone afterwards.
     */
    public Iterator<PoolCandidate> ranked(String centreId, RuleSet rules) {
        Map<PriorityGroup, NavigableSet<PoolCandidate>> groups = byCentre.get(centreId);
        if (groups == null) {
            return List.<PoolCandidate>of().iterator();
        }
        List<Iterator<PoolCandidate>> open = new ArrayList<>();
        for (PriorityGroup group : PriorityGroup.values()) {
            if (rules.isOpen(group)) {
                open.add(groups.get(group).iterator());
            }
        }
        return rules.prioritised() ? new Concatenation(open) : new MergeByWaitingTime(open);
    }

    private Map<PriorityGroup, NavigableSet<PoolCandidate>> groupsOf(String centreId) {
        return byCentre.computeIfAbsent(centreId, id -> {
            Map<PriorityGroup, NavigableSet<PoolCandidate>> groups = new EnumMap<>(PriorityGroup.class);
            for (PriorityGroup group : PriorityGroup.values()) {
                groups.put(group, new ConcurrentSkipListSet<>(BY_WAITING_TIME));
            }
            return groups;
        });
    }

    /** PriorityGroup.values() is in rank order, so concatenating the open groups' lists ranks by group first. */
    private static final class Concatenation implements Iterator<PoolCandidate> {
        private final Iterator<Iterator<PoolCandidate>> parts;
        private Iterator<PoolCandidate> current = List.<PoolCandidate>of().iterator();

        Concatenation(List<Iterator<PoolCandidate>> parts) {
            this.parts = parts.iterator();
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && parts.hasNext()) {
                current = parts.next();
            }
            return current.hasNext();
        }

        @Override
        public PoolCandidate next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }
    }

    /** A k-way merge (k ≤ 4 groups) of lists that are each sorted by waiting time. */
    private static final class MergeByWaitingTime implements Iterator<PoolCandidate> {
        private final List<Iterator<PoolCandidate>> parts;
        private final PoolCandidate[] heads;

        MergeByWaitingTime(List<Iterator<PoolCandidate>> parts) {
            this.parts = parts;
            this.heads = new PoolCandidate[parts.size()];
            for (int i = 0; i < heads.length; i++) {
                heads[i] = parts.get(i).hasNext() ? parts.get(i).next() : null;
            }
        }

        @Override
        public boolean hasNext() {
            for (PoolCandidate head : heads) {
                if (head != null) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public PoolCandidate next() {
            int best = -1;
            for (int i = 0; i < heads.length; i++) {
                if (heads[i] != null && (best < 0 || BY_WAITING_TIME.compare(heads[i], heads[best]) < 0)) {
                    best = i;
                }
            }
            if (best < 0) {
                throw new NoSuchElementException();
            }
            PoolCandidate result = heads[best];
            heads[best] = parts.get(best).hasNext() ? parts.get(best).next() : null;
            return result;
        }
    }
}
