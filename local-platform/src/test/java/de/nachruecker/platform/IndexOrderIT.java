package de.nachruecker.platform;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sorted, limited finds answered in the index's order (notification-service's due deliveries: {@code $or} of two
 * states, sorted by priority and due time, limited): the same documents in the same order as the server's own sort,
 * and only about as many documents read as returned.
 */
class IndexOrderIT {

    private static final long SEED = Long.getLong("indexOrder.seed", 20261207L);
    private static final String[] STATES = {"PENDING", "SENDING", "SENT", "FAILED"};
    private static final long BASE = 1_800_000_000_000L;
    private static final Document DUE_INDEX = new Document("state", 1).append("priority", 1).append("nextAttemptAt", 1);
    private static final Document DUE_ORDER = new Document("priority", 1).append("nextAttemptAt", 1);

    @TempDir
    Path dataDir;
    private MongoServer server;
    private MongoClient client;
    private final Random random = new Random(SEED);
    private int nextId;

    @BeforeEach
    void start() {
        server = new MongoServer(new IdFirstH2Backend(new MVStore.Builder().open()));
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://localhost:" + address.getPort());
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    /**
     * The oracle is the same collection without the index (the server's scan and sort). Sort keys are compared, not
     * ids: the order of ties is not defined, and a limit may cut through them.
     */
    @Test
    void answersRandomSortedLimitedFindsInTheOrderOfTheServersOwnSort() {
        System.out.println("IndexOrderIT seed " + SEED + " (-DindexOrder.seed=… to repeat another)");
        MongoCollection<Document> indexed = client.getDatabase("order").getCollection("indexed");
        MongoCollection<Document> scanned = client.getDatabase("order").getCollection("scanned");
        indexed.createIndex(DUE_INDEX);
        for (int i = 0; i < 600; i++) {
            Document document = randomDocument();
            indexed.insertOne(new Document(document));
            scanned.insertOne(new Document(document));
        }
        long inOrderBefore = IndexPlanner.IN_ORDER.sum();
        int queries = 0;
        for (int round = 0; round < 30; round++) {
            for (int write = 0; write < 20; write++) {
                randomWrite(indexed, scanned);
            }
            for (int query = 0; query < 30; query++, queries++) {
                Document filter = randomFilter();
                Document sort = random.nextInt(4) == 0 ? new Document("priority", 1) : DUE_ORDER;
                int skip = random.nextInt(5) == 0 ? random.nextInt(10) : 0;
                int limit = 1 + random.nextInt(random.nextBoolean() ? 5 : 60);
                List<List<Object>> found = sortKeys(indexed, filter, sort, skip, limit);
                assertThat(found)
                        .as("round %d, filter %s, sort %s, skip %d, limit %d (seed %d)", round, filter.toJson(),
                                sort.toJson(), skip, limit, SEED)
                        .isEqualTo(sortKeys(scanned, filter, sort, skip, limit));
            }
        }
        // the comparison means something only if most finds were answered in the index's order
        assertThat(IndexPlanner.IN_ORDER.sum() - inOrderBefore).isGreaterThan(queries * 3L / 4);
    }

    /** 5,000 due deliveries, a claim of 10: the find reads the 10 (not the backlog) and they are the first 10. */
    @Test
    void aLimitedSortedFindReadsAboutAsManyDocumentsAsItReturns() {
        MongoCollection<Document> deliveries = client.getDatabase("order").getCollection("deliveries");
        deliveries.createIndex(DUE_INDEX);
        List<Document> backlog = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            backlog.add(new Document("_id", String.format("n-%05d", i))
                    .append("state", i % 10 == 0 ? "SENDING" : "PENDING")
                    .append("priority", i % 3)
                    .append("nextAttemptAt", new Date(BASE + (5_000 - i) * 1000L))
                    .append("leaseUntil", new Date(BASE)));
        }
        deliveries.insertMany(backlog);
        Document due = dueFilter(new Date(BASE + 10_000_000L));

        long readBefore = IndexPlanner.READ_IN_ORDER.sum();
        List<Object> claimed = new ArrayList<>();
        deliveries.find(due).sort(DUE_ORDER).limit(10).projection(new Document("_id", 1))
                .forEach(document -> claimed.add(document.get("_id")));
        long read = IndexPlanner.READ_IN_ORDER.sum() - readBefore;

        // priority 0 (i divisible by 3), latest i first (earliest due): 4998, 4995, ...
        List<Object> expected = new ArrayList<>();
        for (int i = 4_998; expected.size() < 10; i -= 3) {
            expected.add(String.format("n-%05d", i));
        }
        assertThat(claimed).isEqualTo(expected);
        assertThat(read).as("documents read for a limit of 10 from 5,000 due").isBetween(10L, 12L);
    }

    /** Once a sorted key held an array (multikey) the order is the server's sort again, and still right. */
    @Test
    void anArrayInASortedKeyFallsBackToTheServersSort() {
        MongoCollection<Document> indexed = client.getDatabase("order").getCollection("multikey");
        MongoCollection<Document> scanned = client.getDatabase("order").getCollection("multikeyScanned");
        indexed.createIndex(DUE_INDEX);
        for (MongoCollection<Document> deliveries : List.of(indexed, scanned)) {
            deliveries.insertOne(new Document("_id", "a").append("state", "PENDING").append("priority", 2));
            deliveries.insertOne(new Document("_id", "b").append("state", "PENDING").append("priority", List.of(3, 0)));
            deliveries.insertOne(new Document("_id", "c").append("state", "PENDING").append("priority", 1));
        }

        long inOrderBefore = IndexPlanner.IN_ORDER.sum();
        Document pending = new Document("state", "PENDING");
        Document byPriority = new Document("priority", 1);

        assertThat(ids(indexed.find(pending).sort(byPriority).limit(3)))
                .isEqualTo(ids(scanned.find(pending).sort(byPriority).limit(3)));
        assertThat(IndexPlanner.IN_ORDER.sum()).as("not in the index's order").isEqualTo(inOrderBefore);
    }

    private static List<Object> ids(FindIterable<Document> found) {
        List<Object> ids = new ArrayList<>();
        found.forEach(document -> ids.add(document.get("_id")));
        return ids;
    }

    /** The file-backed server as the platform runs it: the due-deliveries find after writes and a restart. */
    @Test
    void theFileBackedStoreAnswersTheDueFindInOrderAcrossARestart() throws Exception {
        Date now = new Date(BASE + 100_000L);
        try (FileBackedMongo mongo = new FileBackedMongo(dataDir, Ports.free())) {
            mongo.start();
            try (MongoClient before = MongoClients.create(mongo.uri("notification"))) {
                MongoCollection<Document> deliveries = before.getDatabase("notification").getCollection("deliveries");
                deliveries.createIndex(DUE_INDEX);
                deliveries.insertMany(List.of(
                        delivery("late-offer", "PENDING", 0, BASE + 90_000L),
                        delivery("early-reminder", "PENDING", 1, BASE + 10_000L),
                        delivery("future-offer", "PENDING", 0, BASE + 200_000L),
                        delivery("early-offer", "PENDING", 0, BASE + 20_000L),
                        delivery("stuck-offer", "SENDING", 0, BASE + 50_000L).append("leaseUntil", new Date(BASE)),
                        delivery("leased-offer", "SENDING", 0, BASE + 30_000L)
                                .append("leaseUntil", new Date(BASE + 500_000L)),
                        delivery("sent-offer", "SENT", 0, BASE)));
                deliveries.updateOne(new Document("_id", "early-reminder"),
                        new Document("$set", new Document("priority", 0)));
            }
        }
        try (FileBackedMongo mongo = new FileBackedMongo(dataDir, Ports.free())) {
            mongo.start();
            try (MongoClient after = MongoClients.create(mongo.uri("notification"))) {
                MongoCollection<Document> deliveries = after.getDatabase("notification").getCollection("deliveries");
                long inOrderBefore = IndexPlanner.IN_ORDER.sum();
                List<Object> ids = new ArrayList<>();
                deliveries.find(dueFilter(now)).sort(DUE_ORDER).limit(3).projection(new Document("_id", 1))
                        .forEach(document -> ids.add(document.get("_id")));

                assertThat(ids).containsExactly("early-reminder", "early-offer", "stuck-offer");
                assertThat(IndexPlanner.IN_ORDER.sum()).as("answered in the rebuilt index's order")
                        .isGreaterThan(inOrderBefore);
            }
        }
    }

    private static Document delivery(String id, String state, int priority, long nextAttemptAt) {
        return new Document("_id", id).append("state", state).append("priority", priority)
                .append("nextAttemptAt", new Date(nextAttemptAt));
    }

    /** MongoDeliveries.findDue's filter. */
    private static Document dueFilter(Date now) {
        return new Document("$or", List.of(
                new Document("state", "PENDING").append("nextAttemptAt", new Document("$lte", now)),
                new Document("state", "SENDING").append("leaseUntil", new Document("$lte", now))));
    }

    /** The sort fields of each found document, numbers as decimals (1, 1L and 1.0 tie), missing as null. */
    private static List<List<Object>> sortKeys(MongoCollection<Document> collection, Document filter, Document sort,
                                               int skip, int limit) {
        FindIterable<Document> found = collection.find(filter).sort(sort).skip(skip).limit(limit);
        List<List<Object>> keys = new ArrayList<>();
        java.util.Set<Object> ids = new HashSet<>();
        for (Document document : found) {
            assertThat(ids.add(document.get("_id"))).as("each document once").isTrue();
            List<Object> key = new ArrayList<>();
            for (String field : sort.keySet()) {
                Object value = document.get(field);
                key.add(value instanceof Number number ? new BigDecimal(number.toString()).stripTrailingZeros()
                        : value);
            }
            keys.add(key);
        }
        return keys;
    }

    private Document randomFilter() {
        Date now = date();
        return switch (random.nextInt(8)) {
            case 0, 1, 2 -> dueFilter(now);
            case 3 -> new Document("state", state());
            case 4 -> new Document("state", state()).append("nextAttemptAt", new Document("$lte", now));
            case 5 -> new Document("state", state()).append("priority", new Document("$gte", random.nextInt(4)));
            case 6 -> new Document("state", state()).append("priority", new Document("$lt", 2.5))
                    .append("kind", random.nextBoolean() ? "offer" : "reminder");
            default -> new Document("$or", List.of(new Document("state", state()),
                    new Document("state", state()).append("kind", "offer")));
        };
    }

    private void randomWrite(MongoCollection<Document> indexed, MongoCollection<Document> scanned) {
        int kind = random.nextInt(6);
        if (kind == 0) {
            Document document = randomDocument();
            indexed.insertOne(new Document(document));
            scanned.insertOne(new Document(document));
            return;
        }
        Document byId = new Document("_id", id(random.nextInt(nextId)));
        if (kind == 1) {
            indexed.deleteOne(byId);
            scanned.deleteOne(byId);
            return;
        }
        Document update = switch (kind) {
            case 2 -> new Document("$set", new Document("state", state()).append("leaseUntil", date()));
            case 3 -> new Document("$set", new Document("nextAttemptAt", date()));
            case 4 -> new Document("$unset", new Document(random.nextBoolean() ? "priority" : "nextAttemptAt", ""));
            default -> new Document("$set", new Document("priority", priority()));
        };
        indexed.updateOne(byId, update);
        scanned.updateOne(byId, update);
    }

    /** Few distinct values (many ties), missing and null, numbers of three types, now and then another type. */
    private Document randomDocument() {
        Document document = new Document("_id", id(nextId++)).append("state", state());
        if (random.nextInt(10) != 0) {
            document.put("priority", priority());
        }
        int at = random.nextInt(12);
        if (at == 0) {
            document.put("nextAttemptAt", null);
        } else if (at == 1) {
            document.put("nextAttemptAt", "soon");
        } else if (at != 2) {
            document.put("nextAttemptAt", date());
        }
        if (random.nextBoolean()) {
            document.put("leaseUntil", date());
        }
        document.put("kind", random.nextBoolean() ? "offer" : "reminder");
        return document;
    }

    private Object priority() {
        int value = random.nextInt(4);
        return switch (random.nextInt(8)) {
            case 0 -> (long) value;
            case 1 -> value + 0.5;
            case 2 -> (double) value;
            case 3 -> null;
            case 4 -> "p" + value;
            default -> value;
        };
    }

    private String state() {
        return STATES[random.nextInt(random.nextInt(5) == 0 ? STATES.length : 2)];
    }

    private Date date() {
        return new Date(BASE + random.nextInt(60) * 60_000L);
    }

    private static String id(int n) {
        return String.format("d-%05d", n);
    }
}
