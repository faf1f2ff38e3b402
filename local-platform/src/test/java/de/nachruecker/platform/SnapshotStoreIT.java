package de.nachruecker.platform;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store keeps documents as immutable snapshots ({@link DocumentSnapshots}) over the real driver and wire protocol:
 * a store written before opens and reads unchanged and is converted once; many writers change documents while group
 * commits write the pages (the race that closed the store in 2b1dca3), and after a restart everything is there.
 */
class SnapshotStoreIT {

    @TempDir
    Path dataDir;

    @Test
    void aStoreWrittenBeforeSnapshotsOpensReadsAsBeforeAndIsConvertedOnce() throws Exception {
        MVStore store = new MVStore.Builder().fileName(dataDir.resolve(DurableBackend.FILE_NAME).toString()).open();
        MongoServer stock = new MongoServer(new H2Backend(store)); // Java-serialised documents, as today's release
        int port = Ports.free();
        stock.bind("127.0.0.1", port);
        List<Document> written;
        try (MongoClient client = MongoClients.create(FileBackedMongo.uri(port, "upgrade"))) {
            MongoCollection<Document> candidates = client.getDatabase("upgrade").getCollection("candidates");
            candidates.createIndex(new Document("phoneHash", 1), new IndexOptions().unique(true));
            for (int i = 0; i < 300; i++) {
                candidates.insertOne(candidate(i));
            }
            // $currentDate keeps the server clock's sub-millisecond part: a value BSON would not give back
            candidates.updateMany(new Document("priorityGroup", "HIGHEST"),
                    new Document("$currentDate", new Document("touchedAt", true)));
            client.getDatabase("upgrade").getCollection("offers").insertOne(new Document("_id", "o-1"));
            written = candidates.find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
        }
        stock.shutdown();
        assertThat(storedValueClasses()).as("the old format: documents").containsOnly("Document");

        try (FileBackedMongo mongo = new FileBackedMongo(dataDir, Ports.free());
             MongoClient client = MongoClients.create(mongo.uri("upgrade"))) {
            mongo.start();
            MongoCollection<Document> candidates = client.getDatabase("upgrade").getCollection("candidates");
            assertThat(candidates.find().sort(Sorts.ascending("_id")).into(new ArrayList<>())).isEqualTo(written);
            assertThat(candidates.find(new Document("phoneHash", "p-7")).first()).isEqualTo(written.get(7));
            candidates.updateOne(new Document("_id", written.get(0).get("_id")),
                    new Document("$set", new Document("claim", "offer-1")));
            written.get(0).put("claim", "offer-1");
        }
        assertThat(storedValueClasses()).as("converted on open").containsOnly("byte[]");

        try (FileBackedMongo mongo = new FileBackedMongo(dataDir, Ports.free());
             MongoClient client = MongoClients.create(mongo.uri("upgrade"))) {
            mongo.start();
            assertThat(client.getDatabase("upgrade").getCollection("candidates").find()
                    .sort(Sorts.ascending("_id")).into(new ArrayList<>())).isEqualTo(written);
            assertThat(client.getDatabase("upgrade").getCollection("offers").countDocuments()).isOne();
        }
    }

    /**
     * Unique indexes written by the stock backend (keys Java-serialised, in the order of their serialised bytes) are
     * re-sorted into {@link UniqueKeyType}'s order when they open: every document is found through each unique index
     * (String, ObjectId and number keys, one compound index) and a duplicate is still refused, then and after a
     * restart. Without the re-sort the index's binary search misses keys of the old order.
     */
    @Test
    void uniqueIndexesWrittenBeforeAreReSortedOnceAndFindEveryKey() throws Exception {
        MVStore store = new MVStore.Builder().fileName(dataDir.resolve(DurableBackend.FILE_NAME).toString()).open();
        MongoServer stock = new MongoServer(new H2Backend(store));
        int port = Ports.free();
        stock.bind("127.0.0.1", port);
        int documents = 500;
        try (MongoClient client = MongoClients.create(FileBackedMongo.uri(port, "upgrade"))) {
            MongoCollection<Document> candidates = client.getDatabase("upgrade").getCollection("candidates");
            candidates.createIndex(new Document("phoneHash", 1), new IndexOptions().unique(true));
            candidates.createIndex(new Document("objectId", 1), new IndexOptions().unique(true));
            candidates.createIndex(new Document("sequence", 1), new IndexOptions().unique(true));
            candidates.createIndex(new Document("maxTravelMinutes", 1).append("score", 1),
                    new IndexOptions().unique(true));
            for (int i = 0; i < documents; i++) {
                candidates.insertOne(candidate(i));
            }
        }
        stock.shutdown();

        for (int start = 0; start < 2; start++) { // the re-sorted store, and the same after a restart
            try (FileBackedMongo mongo = new FileBackedMongo(dataDir, Ports.free());
                 MongoClient client = MongoClients.create(mongo.uri("upgrade"))) {
                mongo.start();
                MongoCollection<Document> candidates = client.getDatabase("upgrade").getCollection("candidates");
                for (int i = 0; i < documents; i++) {
                    Document expected = candidate(i);
                    assertThat(candidates.find(new Document("_id", expected.get("_id"))).first()).isNotNull();
                    assertThat(candidates.find(new Document("phoneHash", "p-" + i)).first()).isNotNull();
                    assertThat(candidates.find(new Document("objectId", expected.get("objectId"))).first())
                            .isNotNull();
                    assertThat(candidates.find(new Document("sequence", expected.get("sequence"))).first())
                            .isNotNull();
                }
                Document again = candidate(7).append("_id", "c-new-" + start);
                assertThatThrownBy(() -> candidates.insertOne(again)).isInstanceOf(MongoWriteException.class)
                        .hasMessageContaining("duplicate key");
                assertThatThrownBy(() -> candidates.insertOne(candidate(8))).isInstanceOf(MongoWriteException.class)
                        .hasMessageContaining("duplicate key");
                candidates.insertOne(candidate(documents + start));
                assertThat(candidates.find(new Document("phoneHash", "p-" + (documents + start))).first())
                        .isNotNull();
            }
        }
    }

    /**
     * Eight clients insert, update in place ({@code $set}, {@code $inc}, {@code $push}, {@code $currentDate}, the
     * server changing the document it read), find-and-modify and read one collection while their writes' group
     * commits write the changed pages. Every change is there, the store stays open, its pages hold nothing but
     * snapshots, and a restart brings back the same documents.
     */
    @Test
    void concurrentChangesWhileCommitsWriteThePagesAllSurviveARestart() throws Exception {
        int clients = 8;
        int each = 60;
        List<Document> before;
        try (FileBackedMongo mongo = new FileBackedMongo(dataDir, Ports.free());
             MongoClient client = MongoClients.create(mongo.uri("race"))) {
            mongo.start();
            MongoCollection<Document> offers = client.getDatabase("race").getCollection("offers");
            offers.createIndex(new Document("token", 1), new IndexOptions().unique(true));
            long commitsBefore = mongo.backend().commits();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int clientNo = c;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        String id = "o-" + clientNo + "-" + i;
                        offers.insertOne(new Document("_id", id).append("token", "t-" + id).append("status", "MADE")
                                .append("reminders", 0).append("events", new ArrayList<>()));
                        offers.updateOne(new Document("_id", id), new Document("$inc", new Document("reminders", 1))
                                .append("$push", new Document("events", "sent"))
                                .append("$currentDate", new Document("sentAt", true)));
                        offers.findOneAndUpdate(new Document("_id", id).append("status", "MADE"),
                                new Document("$set", new Document("status", "ACCEPTED")));
                        if (i > 0) { // an older document of this client, changed again beside the new ones
                            offers.updateOne(new Document("_id", "o-" + clientNo + "-" + (i - 1)),
                                    new Document("$inc", new Document("reminders", 1))
                                            .append("$push", new Document("events", "again")));
                        }
                        assertThat(offers.find(new Document("_id", id)).first()).isNotNull();
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(3, TimeUnit.MINUTES);
            }
            pool.shutdown();

            assertThat(mongo.backend().commits() - commitsBefore).as("writers shared commits")
                    .isGreaterThan(0).isLessThan((long) clients * each * 4);
            assertThat(offers.countDocuments(new Document("status", "ACCEPTED"))).isEqualTo(clients * each);
            for (int c = 0; c < clients; c++) {
                for (int i = 0; i < each; i++) {
                    Document offer = offers.find(new Document("_id", "o-" + c + "-" + i)).first();
                    boolean last = i == each - 1;
                    assertThat(offer.getInteger("reminders")).as(offer.getString("_id")).isEqualTo(last ? 1 : 2);
                    assertThat(offer.getList("events", String.class))
                            .isEqualTo(last ? List.of("sent") : List.of("sent", "again"));
                    assertThat(offer.getDate("sentAt")).isNotNull();
                }
            }
            before = offers.find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
        }
        assertThat(storedValueClasses()).as("only snapshots in the pages").containsOnly("byte[]");

        try (FileBackedMongo mongo = new FileBackedMongo(dataDir, Ports.free());
             MongoClient client = MongoClients.create(mongo.uri("race"))) {
            mongo.start();
            assertThat(client.getDatabase("race").getCollection("offers").find().sort(Sorts.ascending("_id"))
                    .into(new ArrayList<>())).isEqualTo(before);
        }
    }

    /** The classes of the values in the store file's document maps, read as the launcher reads them. */
    private List<String> storedValueClasses() {
        MVStore store = new MVStore.Builder().fileName(dataDir.resolve(DurableBackend.FILE_NAME).toString())
                .readOnly().open();
        try {
            List<String> classes = new ArrayList<>();
            for (String name : store.getMapNames()) {
                if (name.startsWith(SnapshotType.DATA_PREFIX)) {
                    MVMap<Object, Object> map = SnapshotType.openMap(store, name);
                    map.values().forEach(value -> classes.add(value.getClass().getSimpleName()));
                }
            }
            assertThat(classes).as("documents in the file").isNotEmpty();
            return classes;
        } finally {
            store.close();
        }
    }

    private static Document candidate(int i) {
        return new Document("_id", "c-" + new UUID(i, 42))
                .append("phoneHash", "p-" + i)
                .append("birthDate", new Date(-946_771_200_000L + 86_400_000L * i))
                .append("priorityGroup", List.of("HIGHEST", "HIGH", "RAISED").get(i % 3))
                .append("centreIds", List.of("centre-" + i % 9, "centre-" + (i + 1) % 9))
                .append("maxTravelMinutes", 15 + i % 60)
                .append("score", 0.5 + i)
                .append("sequence", (long) i << 33)
                .append("verified", i % 10 > 0)
                .append("claim", null)
                .append("sealed", new Binary(new byte[] {1, 2, (byte) i}))
                .append("objectId", new ObjectId(new Date(1_620_000_000_000L), i))
                .append("amount", new Decimal128(BigDecimal.valueOf(i, 2)))
                .append("address", new Document("city", "Korbach").append("street", "Straße " + i))
                .append("_class", "de.nachruecker.allocation.pool.persistence.CandidateDocument");
    }
}
