package de.nachruecker.platform;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Cursor;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.EmptyCursor;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * mongo-java-server's H2 backend with one change to its query planning: a filter that names {@code _id} is answered
 * from the {@code _id} index and the rest of the filter is applied to the (at most few) documents found, as MongoDB
 * does. The stock planner uses an index only when a filter names exactly that index's keys, so every conditional
 * update on {@code _id} plus state ({@code {_id, status, leaseOwner}}, the services' hot path) scanned the whole
 * collection and the cost of each write grew with the day.
 *
 * <p>Open cursors live in a registry given from outside, so that a query's remaining batches can still be fetched
 * after {@link DurableBackend} replaced this backend by one on the compacted file.
 */
final class IdFirstH2Backend extends H2Backend {

    /** The map names of {@link H2Database}, so a store written by the stock backend opens unchanged. */
    private static final String DATA_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";

    private static final String ID = "_id";

    /** Finds of listed ids answered from the {@code _id} index without a document decoded (read by tests). */
    static final LongAdder IDS_WITHOUT_DOCUMENTS = new LongAdder();

    /** Hands the registry to {@link #getCursorRegistry()} while the super constructor already opens databases. */
    private static final ThreadLocal<CursorRegistry> OPENING = new ThreadLocal<>();

    private final CursorRegistry cursors;

    IdFirstH2Backend(MVStore store) {
        this(store, new CursorRegistry());
    }

    IdFirstH2Backend(MVStore store, CursorRegistry cursors) {
        super(opening(store, cursors));
        OPENING.remove();
        this.cursors = cursors;
    }

    private static MVStore opening(MVStore store, CursorRegistry cursors) {
        OPENING.set(cursors);
        return store;
    }

    @Override
    protected CursorRegistry getCursorRegistry() {
        return cursors != null ? cursors : OPENING.get();
    }

    // the three cursor commands of AbstractMongoBackend use its own registry: these use the shared one

    @Override
    protected Document handleGetMore(String databaseName, String command, Document query) {
        long cursorId = ((Number) query.get(command)).longValue();
        int batchSize = ((Number) query.getOrDefault("batchSize", 0)).intValue();
        Cursor cursor = cursors.getCursor(cursorId);
        List<Document> batch = cursor.takeDocuments(batchSize);
        if (cursor.isEmpty()) {
            cursors.remove(cursor);
        }
        Document cursorResponse = new Document("id", cursor.isEmpty() ? EmptyCursor.get().getId() : cursorId);
        cursorResponse.put("ns", databaseName + "." + query.get("collection"));
        cursorResponse.put("nextBatch", batch);
        Document response = new Document("cursor", cursorResponse);
        Utils.markOkay(response);
        return response;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Document handleKillCursors(Document query) {
        List<Long> killed = new ArrayList<>();
        List<Long> notFound = new ArrayList<>();
        for (Number cursorId : (List<Number>) query.get("cursors")) {
            (cursors.remove(cursorId.longValue()) ? killed : notFound).add(cursorId.longValue());
        }
        Document response = new Document("cursorsKilled", killed);
        response.put("cursorsNotFound", notFound);
        Utils.markOkay(response);
        return response;
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        cursorIds.forEach(cursors::remove);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getCursorRegistry());
    }

    /**
     * An inner class on purpose: {@link H2Database}'s constructor already opens the stored collections through
     * {@link #openOrCreateCollection}, before a field of a subclass could be set, but the reference to the enclosing
     * backend (and so to its store) is in place before any super constructor runs.
     */
    private final class Database extends H2Database {

        Database(String databaseName, CursorRegistry cursorRegistry) {
            super(databaseName, getMvStore(), cursorRegistry);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String fullName = getFullCollectionNamespace(collectionName);
            MVMap<Object, Object> data = SnapshotType.openMap(getMvStore(), DATA_PREFIX + fullName);
            MVMap<String, Object> meta = getMvStore().openMap(META_PREFIX + fullName);
            SnapshotCollection.convert(fullName, data, meta);
            return new Collection(this, collectionName, options, data, meta, cursorRegistry);
        }

        /** Keys of {@link UniqueKeyType}: compared without Java serialisation (the stock index serialised both). */
        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            MVMap<Object, Object> map = SnapshotType.openMap(getMvStore(),
                    SnapshotType.indexMapName(getFullCollectionNamespace(collectionName), indexName));
            UniqueKeyType.resort(getMvStore(), map);
            return new StoredUniqueIndex(map, indexName, keys, sparse);
        }

        /** The stock server ignores non-unique indexes (an {@code EmptyIndex}): this one is held in memory. */
        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName,
                                                           List<IndexKey> keys, boolean sparse) {
            return new SecondaryIndex(indexName, keys, sparse);
        }
    }

    /**
     * {@code {_id: {$in: [...]}}} of a filter whose {@code _id} condition is a plain list of ids (strings, object ids,
     * numbers: values the index and the matcher compare alike), or {@code null}.
     */
    static Document idsListed(Document query) {
        if (!(query.get(ID) instanceof Document condition) || condition.size() != 1
                || !(condition.get("$in") instanceof java.util.Collection<?> ids)) {
            return null;
        }
        for (Object id : ids) {
            if (!(id instanceof String || id instanceof ObjectId || id instanceof Number)) {
                return null;
            }
        }
        return new Document(ID, condition);
    }

    /** Documents are stored as immutable snapshots ({@link SnapshotCollection}). */
    private static final class Collection extends SnapshotCollection {

        Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                   MVMap<Object, Object> data, MVMap<String, Object> meta, CursorRegistry cursorRegistry) {
            super(database, collectionName, options, data, meta, cursorRegistry);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                             int batchSize, Document fieldSelector) {
            Document byIds = idsListed(query);
            if (byIds != null) {
                Index<Object> idIndex = idIndexFor(byIds);
                if (idIndex != null) {
                    // the index found exactly the listed ids; matching the $in again would compare each document
                    // with the whole list (quadratic: 30,000 ids held the collection's lock for 85 s under load)
                    Document rest = new Document(query);
                    rest.remove(ID);
                    Iterable<Object> positions = new LinkedHashSet<>(toList(idIndex.getPositions(byIds)));
                    if (rest.isEmpty() && (orderBy == null || orderBy.isEmpty()) && isIdOnly(fieldSelector)) {
                        return idsOnly(positions, numberToSkip, limit, batchSize);
                    }
                    return matchDocuments(rest, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector);
                }
            }
            if (query.size() > 1 && query.containsKey(ID)) {
                Document byId = new Document(ID, query.get(ID));
                Index<Object> idIndex = idIndexFor(byId);
                if (idIndex != null) {
                    // matchDocuments applies the whole filter to what the index found
                    return matchDocuments(query, idIndex.getPositions(byId), orderBy, numberToSkip, limit, batchSize,
                            fieldSelector);
                }
            }
            if (!query.isEmpty() && limit > 0 && !isNatural(orderBy)) {
                Iterable<Object> inOrder = IndexPlanner.inOrder(getIndexes(), query, orderBy);
                if (inOrder != null) {
                    // already in the sort's order: without a comparator the stream stops after skip + limit matches
                    return matchDocuments(query, inOrder, null, numberToSkip, limit, batchSize, fieldSelector);
                }
            }
            if (!query.isEmpty() && !isNatural(orderBy)) {
                Iterable<Object> positions = IndexPlanner.positions(getIndexes(), query, orderBy);
                if (positions != null) {
                    return matchDocuments(query, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector);
                }
            }
            if (!query.isEmpty() && count() >= ScanLog.LARGE
                    && getIndexes().stream().noneMatch(index -> index.canHandle(query))) {
                ScanLog.record(getFullName(), query);
            }
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        /**
         * Which of the listed ids exist (allocation's {@code offers.existing}): a position is the stored document's
         * {@code _id}, so a string or object id is the answer without decoding its document; other ids (a number
         * might come back from the index as another type) are read from the document as the stock path would.
         */
        private QueryResult idsOnly(Iterable<Object> positions, int numberToSkip, int limit, int batchSize) {
            List<Document> found = new ArrayList<>();
            int skipped = 0;
            for (Object position : positions) {
                if (limit > 0 && found.size() == limit) {
                    break;
                }
                if (skipped < numberToSkip) {
                    skipped++;
                    continue;
                }
                Object id = position instanceof String || position instanceof ObjectId ? position
                        : getDocument(position).get(ID);
                found.add(new Document(ID, id));
            }
            IDS_WITHOUT_DOCUMENTS.increment();
            return createQueryResult(found, batchSize);
        }

        private Index<Object> idIndexFor(Document byIds) {
            for (Index<Object> index : getIndexes()) {
                if (isIdIndex(index) && index.canHandle(byIds)) {
                    return index;
                }
            }
            return null;
        }

        private static List<Object> toList(Iterable<Object> positions) {
            List<Object> list = new ArrayList<>();
            positions.forEach(list::add);
            return list;
        }

        /** A projection on {@code _id} alone ({@code {_id: 1}} or {@code {_id: true}}). */
        private static boolean isIdOnly(Document fieldSelector) {
            return fieldSelector != null && fieldSelector.size() == 1
                    && (Integer.valueOf(1).equals(fieldSelector.get(ID)) || Boolean.TRUE.equals(fieldSelector.get(ID)));
        }

        /** A {@code $natural} order is the store's order, which only a scan keeps. */
        private static boolean isNatural(Document orderBy) {
            return orderBy != null && orderBy.containsKey("$natural");
        }

        private static boolean isIdIndex(Index<Object> index) {
            List<IndexKey> keys = index.getKeys();
            return keys.size() == 1 && ID.equals(keys.get(0).getKey());
        }
    }
}
