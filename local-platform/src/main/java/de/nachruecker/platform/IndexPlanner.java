package de.nachruecker.platform;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
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
    /** Of those, sorted queries answered in the sort's order from the index (read by tests). */
    static final LongAdder IN_ORDER = new LongAdder();
    /** Positions handed out in a sort's order: what a limited, sorted find read instead of every match (tests). */
    static final LongAdder READ_IN_ORDER = new LongAdder();

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

    /**
     * The positions of a sorted query in the sort's order, read lazily from the index as the caller consumes them (so
     * a limited find reads about as many documents as it returns), or {@code null} if the chosen index (per branch of
     * a top-level {@code $or}) cannot give them in that order; then {@link #positions} and the stock sort answer.
     * Only ascending sorts. The branches are merged by their sort values, each position once; ties (MongoDB leaves
     * their order open) by {@code _id} where the sort covers the index keys after the equalities.
     */
    static Iterable<Object> inOrder(List<Index<Object>> indexes, Document query, Document orderBy) {
        List<String> sortFields = ascendingFields(orderBy);
        if (sortFields == null) {
            return null;
        }
        List<Document> branches = new ArrayList<>();
        if (best(indexes, query) != null) {
            branches.add(query);
        } else if (query.get("$or") instanceof List<?> alternatives && !alternatives.isEmpty()) {
            for (Object alternative : alternatives) {
                if (!(alternative instanceof Document conditions)) {
                    return null;
                }
                Document combined = new Document(query);
                combined.remove("$or");
                combined.putAll(conditions); // as in positions(): a superset of the branch's matches
                branches.add(combined);
            }
        } else {
            return null;
        }
        List<SecondaryIndex.InOrder> scans = new ArrayList<>();
        for (Document branch : branches) {
            Choice choice = best(indexes, branch);
            SecondaryIndex.InOrder scan = choice == null ? null : choice.index.inOrder(choice.plan, sortFields);
            if (scan == null) {
                return null;
            }
            scans.add(scan);
        }
        ANSWERED.increment();
        IN_ORDER.increment();
        return () -> new Merged(scans); // read once: matchDocuments streams it a single time
    }

    /** The fields of a sort that is ascending on each, or {@code null}. */
    private static List<String> ascendingFields(Document orderBy) {
        if (orderBy == null || orderBy.isEmpty()) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        for (Map.Entry<String, Object> field : orderBy.entrySet()) {
            // the server's DocumentComparator: ascending for a number above 0
            if (!(field.getValue() instanceof Number direction) || direction.intValue() <= 0
                    || field.getKey().startsWith("$")) {
                return null;
            }
            fields.add(field.getKey());
        }
        return fields;
    }

    private static Collection<Object> lookUp(List<Index<Object>> indexes, Document query) {
        Choice best = best(indexes, query);
        if (best == null) {
            return null;
        }
        Set<Object> found = new LinkedHashSet<>();
        best.index.getPositions(query).forEach(found::add);
        return found;
    }

    /** The index that decides most of the filter, with its plan, or {@code null}. */
    private static Choice best(List<Index<Object>> indexes, Document query) {
        Choice best = null;
        for (Index<Object> index : indexes) {
            if (index instanceof SecondaryIndex secondary) {
                SecondaryIndex.Plan plan = secondary.plan(query);
                if (plan != null && (best == null || plan.strength() > best.plan.strength())) {
                    best = new Choice(secondary, plan);
                }
            }
        }
        return best;
    }

    private record Choice(SecondaryIndex index, SecondaryIndex.Plan plan) {
    }

    /** A k-way merge of the branches' ordered scans by their sort values, each position once. */
    private static final class Merged implements Iterator<Object> {

        private final PriorityQueue<Head> heads = new PriorityQueue<>();
        private final Set<Object> seen = new HashSet<>();
        private Object next;

        Merged(List<SecondaryIndex.InOrder> scans) {
            for (int branch = 0; branch < scans.size(); branch++) {
                advance(new Head(scans.get(branch), branch));
            }
        }

        @Override
        public boolean hasNext() {
            while (next == null && !heads.isEmpty()) {
                Head head = heads.poll();
                Object position = head.current.position();
                advance(head);
                if (seen.add(position)) {
                    next = position;
                }
            }
            return next != null;
        }

        @Override
        public Object next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Object position = next;
            next = null;
            READ_IN_ORDER.increment();
            return position;
        }

        private void advance(Head head) {
            if (head.scan.hasNext()) {
                head.current = head.scan.next();
                heads.add(head);
            }
        }
    }

    private static final class Head implements Comparable<Head> {

        final SecondaryIndex.InOrder scan;
        final int branch;
        SecondaryIndex.Sorted current;

        Head(SecondaryIndex.InOrder scan, int branch) {
            this.scan = scan;
            this.branch = branch;
        }

        @Override
        public int compareTo(Head other) {
            Object[] mine = current.values();
            Object[] theirs = other.current.values();
            for (int i = 0; i < mine.length; i++) {
                int cmp = SecondaryIndex.compareElements(mine[i], theirs[i]);
                if (cmp != 0) {
                    return cmp;
                }
            }
            int byId = ValueComparator.asc().compare(current.position(), other.current.position());
            return byId != 0 ? byId : Integer.compare(branch, other.branch);
        }
    }
}
