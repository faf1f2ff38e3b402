package de.nachruecker.platform;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@link H2Collection} storing each document as an immutable {@link DocumentSnapshots snapshot}: encoded when it is
 * put, decoded when it is read. These overrides are every place where {@link H2Collection} touches its data map (the
 * same map is handed to it, so {@code count()} and {@code isEmpty()} still work on it unchanged).
 */
class SnapshotCollection extends H2Collection {

    private static final Logger log = LoggerFactory.getLogger(SnapshotCollection.class);

    /** In a collection's meta map once every document of it is a snapshot (absent: written before snapshots). */
    static final String FORMAT_KEY = "nachruecker.documentFormat";
    static final String FORMAT_SNAPSHOT = "snapshot";

    private final MVMap<Object, Object> values;

    SnapshotCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                       MVMap<Object, Object> values, MVMap<String, Object> meta, CursorRegistry cursorRegistry) {
        super(database, collectionName, options, asDocuments(values), meta, cursorRegistry);
        this.values = values;
    }

    /** H2Collection's own accesses to the map are all overridden below; the cast only satisfies its constructor. */
    @SuppressWarnings("unchecked")
    private static MVMap<Object, Document> asDocuments(MVMap<Object, Object> values) {
        return (MVMap<Object, Document>) (MVMap<?, ?>) values;
    }

    /**
     * Makes every document of a collection written before snapshots (Java-serialised {@link Document}s) a snapshot,
     * once, when it opens: afterwards no stored value is an object the server could change. Nothing is removed or
     * renamed, so an interrupted conversion loses nothing and is redone at the next start (the marker is set last).
     */
    static void convert(String collection, MVMap<Object, Object> values, MVMap<String, Object> meta) {
        if (FORMAT_SNAPSHOT.equals(meta.get(FORMAT_KEY))) {
            return;
        }
        long started = System.nanoTime();
        long converted = 0;
        for (Map.Entry<Object, Object> entry : values.entrySet()) {
            if (entry.getValue() instanceof Document document) {
                values.put(entry.getKey(), DocumentSnapshots.encode(document));
                converted++;
            }
        }
        meta.put(FORMAT_KEY, FORMAT_SNAPSHOT);
        if (converted > 0) {
            log.info("{}: {} documents converted to snapshots in {} ms", collection, converted,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    @Override
    protected Object addDocumentInternal(Document document) {
        Object key = getIdField() != null ? Utils.getSubdocumentValue(document, getIdField()) : UUID.randomUUID();
        Object previous = values.putIfAbsent(Missing.ofNullable(key), DocumentSnapshots.encode(document));
        if (previous != null) { // the unique _id index refuses a duplicate before this; the key only, no content
            throw new IllegalStateException("Document with key '" + key + "' already existed in " + this);
        }
        return key;
    }

    @Override
    protected Document getDocument(Object position) {
        Object stored = values.get(position);
        return stored == null ? null : DocumentSnapshots.read(stored);
    }

    @Override
    protected void removeDocument(Object position) {
        if (values.remove(position) == null) {
            throw new NoSuchElementException("No document with key " + position);
        }
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        return values.entrySet().stream()
                .map(entry -> new DocumentWithPosition<>(DocumentSnapshots.read(entry.getValue()), entry.getKey()));
    }

    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                         int batchSize, Document fieldSelector) {
        Stream<Document> documents;
        if (isNaturalDescending(orderBy)) {
            documents = streamAllDocumentsWithPosition()
                    .sorted((a, b) -> ValueComparator.desc().compare(a.getPosition(), b.getPosition()))
                    .map(DocumentWithPosition::getDocument);
        } else {
            documents = values.values().stream().map(DocumentSnapshots::read);
        }
        return matchDocumentsFromStream(documents, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /**
     * What an aggregation reads (e.g. the driver's {@code countDocuments}): the stock default collects every document
     * into one list first, which held a whole collection of freshly decoded documents at once; streamed, each is
     * garbage as soon as the pipeline's first stage passed it. MVMap's iteration reads one consistent version.
     */
    @Override
    public Stream<Document> queryAllAsStream() {
        return values.values().stream().map(DocumentSnapshots::read);
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        values.put(Missing.ofNullable(position), DocumentSnapshots.encode(newDocument));
    }
}
