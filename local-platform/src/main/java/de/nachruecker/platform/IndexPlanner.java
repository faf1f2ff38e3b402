package de.nachruecker.platform;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Chooses the {@link SecondaryIndex} that answers most of a filter, or one per branch of a top-level {@code $or}
 * (each branch with the filter's other conditions), as MongoDB's planner would. What it returns is a superset of the
 * matches: the caller applies the whole filter, the sort and the limit to it.
 */
final class IndexPlanner {

    /** Filters answered from a secondary index since the JVM started (a scan's alternative; read by tests). */
    static final LongAdder ANSWERED = new LongAdder();

    private IndexPlanner() {
    }

    /**
     * The positions to read for the filter, or {@code null} if no index answers it (then the collection is scanned).
     * Without a sort they come in the store's own order ({@code _id}), the order a scan would give.
     */
    static Iterable<Object> positions(List<Index<Object>> indexes, Document query, Document orderBy) {
        Collection<Object> positions = lookUp(indexes, query);
        if (positions == null && query.get("$or") instanceof List<?> branches && !branches.isEmpty()) {
            positions = new LinkedHashSet<>();
            for (Object branch : branches) {
                if (!(branch instanceof Document conditions)) {
                    return null;
                }
                Document combined = new Document(query);
                combined.remove("$or");
                combined.putAll(conditions); // a branch's condition on a field replaces the other: still a superset
                Collection<Object> found = lookUp(indexes, combined);
                if (found == null) {
                    return null;
                }
                positions.addAll(found);
            }
        }
        if (positions == null) {
            return null;
        }
        ANSWERED.increment();
        List<Object> ordered = new ArrayList<>(positions);
        if (orderBy == null || orderBy.isEmpty()) {
            ordered.sort(ValueComparator.asc());
        }
        return ordered;
    }

    private static Collection<Object> lookUp(List<Index<Object>> indexes, Document query) {
        SecondaryIndex best = null;
        int strength = 0;
        for (Index<Object> index : indexes) {
            if (index instanceof SecondaryIndex secondary) {
                SecondaryIndex.Plan plan = secondary.plan(query);
                if (plan != null && plan.strength() > strength) {
                    best = secondary;
                    strength = plan.strength();
                }
            }
        }
        if (best == null) {
            return null;
        }
        Set<Object> found = new LinkedHashSet<>();
        best.getPositions(query).forEach(found::add);
        return found;
    }
}
