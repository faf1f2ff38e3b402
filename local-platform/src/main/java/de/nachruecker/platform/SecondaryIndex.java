package de.nachruecker.platform;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A non-unique (optionally sparse, optionally compound) index held in memory: mongo-java-server ignores every such
 * index ({@code EmptyIndex}), so each query that does not name {@code _id} scanned the whole collection. It is
 * derived data: {@code AbstractMongoCollection.addIndex} fills an empty index from the stored documents, which happens
 * whenever a collection opens (also after a restart), so nothing of it is written to the file.
 *
 * <p>It answers a <em>superset</em> of a filter's matches and the caller applies the whole filter to what it returns
 * (as for {@code _id}): equality or {@code $in} on the leading key(s), then optionally a range ({@code $gt}, {@code
 * $gte}, {@code $lt}, {@code $lte} of a number, string or date) on the next key, or {@code $exists: true} on the first
 * key of a sparse index. Anything else makes it decline ({@link #plan} returns {@code null}) and the collection scans.
 *
 * <p>Arrays: a document is indexed under each element (multikey). Once a key held an array, a range with two bounds is
 * looked up by its lower bound only (one element may satisfy one bound and another the other). Documents whose keys
 * are awkward to order (an empty or nested array at the end of a key's path, too many combinations) are kept aside
 * and returned by every lookup: never a wrong answer, only a larger superset.
 */
final class SecondaryIndex extends Index<Object> {

    private static final String ID = "_id";
    /** Lookups with more combinations of {@code $in} values than this scan instead. */
    private static final int MAX_COMBINATIONS = 1_000;
    /** Documents with more key combinations than this are kept aside instead of indexed. */
    private static final int MAX_ENTRIES_PER_DOCUMENT = 100;

    /**
     * Compound keys, element by element: missing/null first, then MongoDB's order of values; a prefix first. Keys are
     * plain arrays: a list around each would cost another 40 bytes per document and index.
     */
    private static final Comparator<Object[]> KEY_ORDER = (left, right) -> {
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            int cmp = compareElements(left[i], right[i]);
            if (cmp != 0) {
                return cmp;
            }
        }
        return Integer.compare(left.length, right.length);
    };

    /** key → one position or a {@link Positions} set of them (most keys of a unique-ish field hold one). */
    private final NavigableMap<Object[], Object> entries = new TreeMap<>(KEY_ORDER);
    private final Set<Object> asides = new HashSet<>();
    /** Each key's dotted path, split once. */
    private final List<String[]> paths;
    private long documents;
    private boolean multikey;

    SecondaryIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.paths = keys.stream().map(key -> key.getKey().split("\\.")).toList();
    }

    // ---- maintenance

    @Override
    public Object getPosition(Document document) {
        return null; // not unique: the _id index names a document's position
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // not unique: nothing to refuse
    }

    @Override
    public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
        Keys keys = keysOf(document);
        if (keys == null) {
            return;
        }
        documents++;
        multikey |= keys.multikey;
        if (keys.aside) {
            asides.add(position);
            return;
        }
        for (List<Object> key : keys.values) {
            entries.merge(key.toArray(), position, SecondaryIndex::join);
        }
    }

    @Override
    public synchronized Object remove(Document document) {
        Object position = Missing.ofNullable(document.get(ID));
        Keys keys = keysOf(document);
        if (keys == null) {
            return position;
        }
        documents--;
        if (keys.aside) {
            asides.remove(position);
            return position;
        }
        for (List<Object> key : keys.values) {
            entries.computeIfPresent(key.toArray(), (ignored, held) -> without(held, position));
        }
        return position;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // not unique: nothing to refuse
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, Object position,
                                           MongoCollection<Object> collection) {
        Keys before = keysOf(oldDocument);
        Keys after = keysOf(newDocument);
        if (before != null && after != null && !before.aside && !after.aside && before.values.equals(after.values)) {
            return; // the indexed fields did not change: the usual update (status aside) costs nothing here
        }
        remove(oldDocument);
        add(newDocument, position, collection);
    }

    @Override
    public synchronized long getCount() {
        return documents;
    }

    @Override
    public long getDataSize() {
        return 0; // held in memory, not stored
    }

    @Override
    public synchronized void drop() {
        entries.clear();
        asides.clear();
        documents = 0;
    }

    /** The keys a document is indexed under, or {@code null} when a sparse index leaves it out. */
    private Keys keysOf(Document document) {
        List<List<Object>> perKey = new ArrayList<>();
        boolean present = false;
        Keys keys = new Keys();
        for (String[] path : paths) {
            Leaves leaves = new Leaves();
            collect(document, path, 0, leaves);
            present |= leaves.present;
            keys.aside |= leaves.awkward;
            if (leaves.values.isEmpty()) {
                leaves.values.add(null); // missing: where {field: null} would look
            }
            keys.multikey |= leaves.values.size() > 1 || leaves.throughArray;
            perKey.add(leaves.values);
        }
        if (isSparse() && !present) {
            return null;
        }
        long combinations = 1;
        for (List<Object> values : perKey) {
            combinations *= values.size();
        }
        if (keys.aside || combinations > MAX_ENTRIES_PER_DOCUMENT) {
            keys.aside = true;
            return keys;
        }
        keys.values = new LinkedHashSet<>();
        product(perKey, 0, new ArrayList<>(), keys.values::add);
        return keys;
    }

    /** The values at the end of a dotted path, through arrays (each element; a number also as a position). */
    private static void collect(Object value, String[] path, int depth, Leaves leaves) {
        if (depth == path.length) {
            leaves.present = true;
            if (value instanceof Collection<?> array) {
                leaves.throughArray = true;
                if (array.isEmpty()) {
                    leaves.awkward = true; // {field: {$exists: true}} matches it, but no element names it
                }
                for (Object element : array) {
                    if (element instanceof Collection<?>) {
                        leaves.awkward = true; // arrays of arrays: left to the full filter
                    } else {
                        leaves.values.add(normalized(element));
                    }
                }
            } else {
                leaves.values.add(normalized(value));
            }
            return;
        }
        String field = path[depth];
        if (value instanceof Document document) {
            if (document.containsKey(field)) {
                collect(document.get(field), path, depth + 1, leaves);
            }
        } else if (value instanceof List<?> array) {
            leaves.throughArray = true;
            if (isPosition(field)) {
                int position = Integer.parseInt(field);
                if (position < array.size()) {
                    collect(array.get(position), path, depth + 1, leaves);
                }
            }
            for (Object element : array) {
                if (element instanceof Document || element instanceof List<?>) {
                    collect(element, path, depth, leaves);
                }
            }
        }
    }

    private static boolean isPosition(String field) {
        return !field.isEmpty() && field.length() < 9 && field.chars().allMatch(Character::isDigit);
    }

    /**
     * Missing and null alike (a sparse index keeps an explicit null; ordering needs no difference). Strings are
     * interned: every document read brings its own copy of {@code "EXPIRED"}, which the index would keep once per key.
     */
    private static Object normalized(Object value) {
        if (value instanceof String string) {
            return string.intern();
        }
        return Missing.isNullOrMissing(value) ? null : value;
    }

    private static void product(List<List<Object>> perKey, int i, List<Object> prefix, Consumer<List<Object>> out) {
        if (i == perKey.size()) {
            out.accept(nullSafeCopy(prefix));
            return;
        }
        for (Object value : perKey.get(i)) {
            prefix.add(value);
            product(perKey, i + 1, prefix, out);
            prefix.remove(prefix.size() - 1);
        }
    }

    /** {@code List.copyOf} refuses nulls, which stand for missing values here. */
    private static List<Object> nullSafeCopy(List<Object> values) {
        return values.size() == 1 ? Collections.singletonList(values.get(0))
                : Collections.unmodifiableList(new ArrayList<>(values));
    }

    private static Object join(Object held, Object position) {
        if (held instanceof Positions positions) {
            positions.add(position);
            return positions;
        }
        if (held.equals(position)) {
            return held;
        }
        Positions positions = new Positions();
        positions.add(held);
        positions.add(position);
        return positions;
    }

    private static Object without(Object held, Object position) {
        if (held instanceof Positions positions) {
            positions.remove(position);
            return positions.size() == 1 ? positions.iterator().next() : positions.isEmpty() ? null : positions;
        }
        return held.equals(position) ? null : held;
    }

    // ---- lookups

    @Override
    public boolean canHandle(Document query) {
        return plan(query) != null;
    }

    @Override
    public synchronized Iterable<Object> getPositions(Document query) {
        Plan plan = plan(query);
        if (plan == null) {
            throw new IllegalArgumentException("the index " + getName() + " cannot answer " + query.keySet());
        }
        return positions(plan);
    }

    /** How this index would answer the filter, or {@code null} if it cannot. */
    Plan plan(Document query) {
        List<String> keys = keys();
        List<List<Object>> equalities = new ArrayList<>();
        long combinations = 1;
        for (int i = 0; i < keys.size(); i++) {
            Object condition = query.get(keys.get(i));
            if (!query.containsKey(keys.get(i))) {
                break;
            }
            List<Object> values = equalityValues(condition);
            if (values != null) {
                combinations *= values.size();
                if (combinations > MAX_COMBINATIONS) {
                    return null;
                }
                equalities.add(values);
                continue;
            }
            Range range = range(condition);
            if (range != null) {
                return new Plan(equalities, range, false);
            }
            if (i == 0 && isSparse() && condition instanceof Document operators
                    && Boolean.TRUE.equals(operators.get("$exists"))) {
                return new Plan(equalities, null, true);
            }
            break;
        }
        return equalities.isEmpty() ? null : new Plan(equalities, null, false);
    }

    /** The values an equality or {@code $in} condition asks for, or {@code null} if it is neither (or not simple). */
    private static List<Object> equalityValues(Object condition) {
        if (condition instanceof Document operators) {
            if (operators.size() == 1 && operators.containsKey("$eq") && isSimple(operators.get("$eq"))) {
                return List.of(operators.get("$eq"));
            }
            if (operators.size() == 1 && operators.get("$in") instanceof Collection<?> values && !values.isEmpty()
                    && values.stream().allMatch(SecondaryIndex::isSimple)) {
                return List.copyOf(values);
            }
            return null;
        }
        return isSimple(condition) ? List.of(condition) : null;
    }

    /** Values whose equality the index decides like the matcher does: no null, arrays, documents, patterns. */
    private static boolean isSimple(Object value) {
        return value instanceof Number || value instanceof String || value instanceof Boolean
                || value instanceof Instant || value instanceof ObjectId || value instanceof UUID;
    }

    private static Range range(Object condition) {
        if (!(condition instanceof Document operators)) {
            return null;
        }
        Object lower = firstOf(operators, "$gt", "$gte");
        Object upper = firstOf(operators, "$lt", "$lte");
        if (lower != null && upper != null && !sameBracket(lower, upper)) {
            return null; // matches nothing; the scan says so
        }
        if ((lower != null && bracketMinimum(lower) == null) || (upper != null && bracketMinimum(upper) == null)) {
            return null;
        }
        return lower == null && upper == null ? null : new Range(lower, upper);
    }

    private static Object firstOf(Document operators, String... names) {
        for (String name : names) {
            if (operators.get(name) != null) {
                return operators.get(name);
            }
        }
        return null;
    }

    /** The matcher compares only numbers with numbers and otherwise values of one class. */
    private static boolean sameBracket(Object left, Object right) {
        return left instanceof Number ? right instanceof Number : right != null && left.getClass() == right.getClass();
    }

    /** The least value of a range bound's kind, where a range without a lower bound starts. */
    private static Object bracketMinimum(Object bound) {
        if (bound instanceof Number) {
            return Double.NEGATIVE_INFINITY;
        } else if (bound instanceof String) {
            return "";
        } else if (bound instanceof Instant) {
            return Instant.MIN;
        }
        return null;
    }

    private List<Object> positions(Plan plan) {
        Set<Object> found = new LinkedHashSet<>(asides);
        if (plan.all) {
            entries.values().forEach(held -> addAll(found, held));
            return new ArrayList<>(found);
        }
        List<List<Object>> prefixes = new ArrayList<>();
        product(plan.equalities, 0, new ArrayList<>(), prefixes::add);
        for (List<Object> prefix : prefixes) {
            if (plan.range == null) {
                scan(prefix, prefix, null, found);
            } else {
                Object lower = plan.range.lower != null ? plan.range.lower : bracketMinimum(plan.range.upper);
                // of an array one element may meet the lower bound and another the upper: look up by the lower
                Object upper = multikey && plan.range.lower != null ? null : plan.range.upper;
                List<Object> start = new ArrayList<>(prefix);
                start.add(lower);
                scan(prefix, start, new Bound(lower, upper), found);
            }
        }
        return new ArrayList<>(found);
    }

    /**
     * The plan's positions in the order of the index keys that follow its equalities, read lazily, or {@code null} if
     * this index cannot give them in that order: only when every equality is one value, the sort names exactly the
     * next keys (or their first ones) and nothing is multikey or kept aside (those would need the stock sort).
     */
    synchronized InOrder inOrder(Plan plan, List<String> sortFields) {
        List<String> keys = keys();
        int from = plan.equalities.size();
        if (plan.all || multikey || !asides.isEmpty() || sortFields.isEmpty()
                || from + sortFields.size() > keys.size()
                || !keys.subList(from, from + sortFields.size()).equals(sortFields)
                || plan.equalities.stream().anyMatch(values -> values.size() != 1)) {
            return null;
        }
        List<Object> prefix = plan.equalities.stream().map(values -> values.get(0)).toList();
        if (plan.range == null) {
            return new InOrder(prefix, prefix.toArray(), null, sortFields.size());
        }
        Object lower = plan.range.lower != null ? plan.range.lower : bracketMinimum(plan.range.upper);
        List<Object> start = new ArrayList<>(prefix);
        start.add(lower);
        return new InOrder(prefix, start.toArray(), new Bound(lower, plan.range.upper), sortFields.size());
    }

    /**
     * The keys of one lookup (as {@link #scan} reads them) in key order, each position with the values of the sorted
     * keys; the positions under one key in {@code _id} order, so ties come out the same way every time.
     *
     * <p>It reads a chunk at a time under this index's lock and goes on after the last key read. A query runs under
     * its collection's monitor ({@code AbstractSynchronizedMongoCollection.handleQuery}), as do the inserts, updates
     * and deletes that change this index, but {@code dropIndex} clears an index outside of it: an iterator over the
     * tree held across the whole query would not be safe, a fresh {@code tailMap} per chunk is.
     */
    final class InOrder implements Iterator<Sorted> {

        private static final int CHUNK = 64;

        private final List<Object> prefix;
        private final Bound bound;
        private final int sorted;
        private final ArrayDeque<Sorted> chunk = new ArrayDeque<>();
        private Object[] from;
        private boolean fromIncluded = true;
        private boolean exhausted;

        private InOrder(List<Object> prefix, Object[] start, Bound bound, int sorted) {
            this.prefix = prefix;
            this.from = start;
            this.bound = bound;
            this.sorted = sorted;
        }

        @Override
        public boolean hasNext() {
            while (chunk.isEmpty() && !exhausted) {
                readChunk();
            }
            return !chunk.isEmpty();
        }

        @Override
        public Sorted next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return chunk.poll();
        }

        private void readChunk() {
            synchronized (SecondaryIndex.this) {
                for (Map.Entry<Object[], Object> entry : entries.tailMap(from, fromIncluded).entrySet()) {
                    if (chunk.size() >= CHUNK) {
                        return;
                    }
                    Object[] key = entry.getKey();
                    if (!startsWith(key, prefix) || (bound != null && !bound.admits(key[prefix.size()]))) {
                        break;
                    }
                    Object[] values = Arrays.copyOfRange(key, prefix.size(), prefix.size() + sorted);
                    if (entry.getValue() instanceof Positions positions) {
                        List<Object> ordered = new ArrayList<>(positions);
                        ordered.sort(ValueComparator.asc());
                        ordered.forEach(position -> chunk.add(new Sorted(values, position)));
                    } else {
                        chunk.add(new Sorted(values, entry.getValue()));
                    }
                    from = key;
                    fromIncluded = false;
                }
                exhausted = true;
            }
        }
    }

    /** A position with the values of the keys a query sorts by. */
    record Sorted(Object[] values, Object position) {
    }

    /** Collects the positions of the keys from {@code start} on that begin with {@code prefix} (and meet the bound). */
    private void scan(List<Object> prefix, List<Object> start, Bound bound, Set<Object> found) {
        for (Map.Entry<Object[], Object> entry : entries.tailMap(start.toArray(), true).entrySet()) {
            Object[] key = entry.getKey();
            if (!startsWith(key, prefix)) {
                break;
            }
            if (bound != null && !bound.admits(key[prefix.size()])) {
                break;
            }
            addAll(found, entry.getValue());
        }
    }

    private static boolean startsWith(Object[] key, List<Object> prefix) {
        for (int i = 0; i < prefix.size(); i++) {
            if (compareElements(key[i], prefix.get(i)) != 0) {
                return false;
            }
        }
        return true;
    }

    private static void addAll(Set<Object> found, Object held) {
        if (held instanceof Positions positions) {
            found.addAll(positions);
        } else {
            found.add(held);
        }
    }

    /**
     * The order of the keys' values, the server's sort order: null (and missing, normalised to null) before every
     * value but {@code MinKey}, then by type bracket and value.
     */
    static int compareElements(Object left, Object right) {
        if (left == null && right == null) {
            return 0;
        }
        return ValueComparator.asc().compare(left, right);
    }

    /** Equality values per leading key, then a range on the next key or all of a sparse index. */
    record Plan(List<List<Object>> equalities, Range range, boolean all) {

        /** How much of the filter the index decides: more is better when choosing among indexes. */
        int strength() {
            return equalities.size() * 2 + (range != null ? 1 : 0) + (all ? 1 : 0);
        }
    }

    record Range(Object lower, Object upper) {
    }

    /** Where a range's scan ends: past the upper bound or at a value of another kind than the bounds. */
    private record Bound(Object kind, Object upper) {

        boolean admits(Object value) {
            return sameBracket(kind, value) && (upper == null || compareElements(value, upper) <= 0);
        }
    }

    /** Several documents under one key. */
    private static final class Positions extends HashSet<Object> {
        private static final long serialVersionUID = 1L;
    }

    private static final class Keys {
        Set<List<Object>> values;
        boolean aside;
        boolean multikey;
    }

    private static final class Leaves {
        final List<Object> values = new ArrayList<>();
        boolean present;
        boolean awkward;
        boolean throughArray;
    }
}
