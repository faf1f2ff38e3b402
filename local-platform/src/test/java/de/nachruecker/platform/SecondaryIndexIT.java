package de.nachruecker.platform;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory secondary indexes against a full scan as the oracle: the same random documents in two collections,
 * one with indexes and one without, the same random writes (updates that move documents between keys, removals,
 * arrays) and the same random filters, sorts and limits; both must answer alike, over the real driver.
 */
class SecondaryIndexIT {

    private static final long SEED = Long.getLong("secondaryIndex.seed", 20261207L);
    private static final String[] STATUS = {"MADE", "ACCEPTED", "EXPIRED"};
    private static final long BASE = 1_800_000_000_000L;

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

    @Test
    void answersEveryRandomFilterLikeAFullScanThroughRandomWrites() {
        System.out.println("SecondaryIndexIT seed " + SEED + " (-DsecondaryIndex.seed=… to repeat another)");
        MongoCollection<Document> indexed = client.getDatabase("oracle").getCollection("indexed");
        MongoCollection<Document> scanned = client.getDatabase("oracle").getCollection("scanned");
        for (int i = 0; i < 300; i++) {
            Document document = randomDocument();
            indexed.insertOne(new Document(document));
            scanned.insertOne(new Document(document));
        }
        // half of them created on a filled collection (built from the documents), half before the writes below
        indexed.createIndex(new Document("status", 1).append("n", 1));
        indexed.createIndex(new Document("at", 1), new IndexOptions().sparse(true));
        indexed.createIndex(new Document("tags", 1));
        indexed.createIndex(new Document("sub.k", 1).append("status", 1));
        indexed.createIndex(new Document("outbox.0.eventId", 1), new IndexOptions().sparse(true));
        indexed.createIndex(new Document("n", -1).append("at", 1), new IndexOptions().sparse(true));

        long answeredBefore = IndexPlanner.ANSWERED.sum();
        int queries = 0;
        for (int round = 0; round < 40; round++) {
            for (int write = 0; write < 25; write++) {
                randomWrite(indexed, scanned);
            }
            for (int query = 0; query < 40; query++, queries++) {
                Document filter = randomFilter();
                // not by n: the server's own sort breaks on its mix of arrays, nested arrays, strings and numbers
                Document sort = random.nextBoolean() ? null : new Document("status", 1).append("_id", -1);
                int limit = random.nextInt(4) == 0 ? 1 + random.nextInt(5) : 0;
                assertThat(ids(indexed, filter, sort, limit))
                        .as("round %d, filter %s, sort %s, limit %d (seed %d)", round, filter.toJson(), sort, limit,
                                SEED)
                        .isEqualTo(ids(scanned, filter, sort, limit));
            }
        }
        // the comparison means something only if the indexes answered most filters
        assertThat(IndexPlanner.ANSWERED.sum() - answeredBefore).isGreaterThan(queries / 2);
    }

    /** The collections' documents survive a restart of the file-backed store and the index is built again from them. */
    @Test
    void aRestartBuildsTheIndexAgainFromTheStoredDocuments() throws Exception {
        try (FileBackedMongo mongo = new FileBackedMongo(dataDir, Ports.free())) {
            mongo.start();
            try (MongoClient before = MongoClients.create(mongo.uri("restart"))) {
                MongoCollection<Document> offers = before.getDatabase("restart").getCollection("offers");
                offers.createIndex(new Document("status", 1).append("answerDeadline", 1));
                for (int i = 0; i < 50; i++) {
                    offers.insertOne(new Document("_id", String.format("o-%02d", i))
                            .append("status", i % 5 == 0 ? "MADE" : "EXPIRED")
                            .append("answerDeadline", new Date(BASE + i * 1000L)));
                }
            }
        }
        try (FileBackedMongo mongo = new FileBackedMongo(dataDir, Ports.free())) {
            mongo.start();
            try (MongoClient after = MongoClients.create(mongo.uri("restart"))) {
                MongoCollection<Document> offers = after.getDatabase("restart").getCollection("offers");
                Document overdue = new Document("status", "MADE")
                        .append("answerDeadline", new Document("$lt", new Date(BASE + 30_000L)));
                long answeredBefore = IndexPlanner.ANSWERED.sum();

                assertThat(ids(offers, overdue, null, 0)).containsExactly("o-00", "o-05", "o-10", "o-15", "o-20",
                        "o-25");
                assertThat(IndexPlanner.ANSWERED.sum()).as("answered from the rebuilt index")
                        .isGreaterThan(answeredBefore);

                // a write after the restart moves a document between keys of the rebuilt index
                offers.updateOne(new Document("_id", "o-05"), new Document("$set", new Document("status", "EXPIRED")));
                offers.updateOne(new Document("_id", "o-06"), new Document("$set", new Document("status", "MADE")));
                offers.deleteOne(new Document("_id", "o-10"));
                assertThat(ids(offers, overdue, null, 0)).containsExactly("o-00", "o-06", "o-15", "o-20", "o-25");
            }
        }
    }

    private static List<Object> ids(MongoCollection<Document> collection, Document filter, Document sort, int limit) {
        FindIterable<Document> found = collection.find(filter).projection(new Document("_id", 1));
        if (sort != null) {
            found = found.sort(sort);
        }
        List<Object> ids = new ArrayList<>();
        found.limit(limit).forEach(document -> ids.add(document.get("_id")));
        return ids;
    }

    private void randomWrite(MongoCollection<Document> indexed, MongoCollection<Document> scanned) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            Document document = randomDocument();
            indexed.insertOne(new Document(document));
            scanned.insertOne(new Document(document));
            return;
        }
        Document byId = new Document("_id", id(random.nextInt(Math.max(1, nextId))));
        if (kind == 1) {
            indexed.deleteOne(byId);
            scanned.deleteOne(byId);
            return;
        }
        Document update;
        if (kind == 2) {
            update = new Document("$push", new Document("outbox", new Document("eventId", "e-" + random.nextInt(50))));
        } else if (kind == 3) {
            update = new Document("$pop", new Document("outbox", -1));
        } else if (kind == 4) {
            String field = pick("status", "n", "at", "tags", "sub", "outbox");
            update = new Document("$unset", new Document(field, ""));
        } else {
            Document fields = randomDocument();
            fields.remove("_id");
            fields.keySet().removeIf(field -> random.nextBoolean());
            if (fields.isEmpty()) {
                fields.put("status", STATUS[random.nextInt(STATUS.length)]);
            }
            update = new Document("$set", fields);
        }
        indexed.updateOne(byId, update);
        scanned.updateOne(byId, update);
    }

    private Document randomDocument() {
        Document document = new Document("_id", id(nextId++));
        maybe(document, "status", () -> random.nextInt(8) == 0 ? null : STATUS[random.nextInt(STATUS.length)]);
        maybe(document, "n", this::randomNumberish);
        maybe(document, "at", () -> random.nextInt(10) == 0 ? null : date());
        maybe(document, "tags", () -> random.nextInt(4) == 0 ? "t" + random.nextInt(4)
                : list(random.nextInt(4), () -> "t" + random.nextInt(4)));
        maybe(document, "sub", () -> random.nextBoolean() ? new Document("k", random.nextInt(4))
                : list(random.nextInt(3), () -> new Document("k", random.nextInt(4))));
        maybe(document, "outbox", () -> list(random.nextInt(3), () -> new Document("eventId", "e-" + random.nextInt(50))));
        return document;
    }

    private Object randomNumberish() {
        return switch (random.nextInt(9)) {
            case 0 -> null;
            case 1 -> "x" + random.nextInt(3);
            case 2 -> list(random.nextInt(4), () -> random.nextInt(20));
            case 3 -> (long) random.nextInt(20);
            case 4 -> random.nextInt(20) + 0.5;
            case 5 -> List.of(List.of(random.nextInt(20)));
            default -> random.nextInt(20);
        };
    }

    private Document randomFilter() {
        return switch (random.nextInt(16)) {
            case 0 -> new Document("status", status());
            case 1 -> new Document("status", new Document("$in", List.of(status(), status())));
            case 2 -> new Document("status", status()).append("n", new Document(pick("$lt", "$lte"), number()));
            case 3 -> new Document("status", status()).append("n", new Document(pick("$gt", "$gte"), number())
                    .append(pick("$lt", "$lte"), number()));
            case 4 -> new Document("n", number());
            case 5 -> new Document("n", new Document("$in", List.of(number(), number(), "x1")));
            case 6 -> new Document("n", new Document("$gte", "x1"));
            case 7 -> new Document("at", new Document("$lt", date()));
            case 8 -> new Document("at", new Document("$gte", date()).append("$lt", date()));
            case 9 -> new Document("at", new Document("$exists", true)).append("status", status());
            case 10 -> new Document("tags", "t" + random.nextInt(4));
            case 11 -> new Document("sub.k", random.nextInt(4)).append("status", status());
            case 12 -> new Document("outbox.0.eventId", new Document("$exists", true));
            case 13 -> new Document("$or", List.of(
                    new Document("status", status()).append("n", new Document("$lte", number())),
                    new Document("status", status()).append("at", new Document("$lt", date()))));
            case 14 -> new Document("status", status()).append("n", new Document("$ne", number()))
                    .append("tags", new Document("$exists", random.nextBoolean()));
            default -> new Document("n", new Document("$gt", number())).append("at", new Document("$lt", date()));
        };
    }

    private String status() {
        return STATUS[random.nextInt(STATUS.length)];
    }

    private Object number() {
        int value = random.nextInt(22) - 1;
        return switch (random.nextInt(3)) {
            case 0 -> (long) value;
            case 1 -> value + 0.5;
            default -> value;
        };
    }

    private Date date() {
        return new Date(BASE + random.nextInt(100) * 60_000L);
    }

    private <T> List<T> list(int size, Supplier<T> element) {
        List<T> list = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            list.add(element.get());
        }
        return list;
    }

    private void maybe(Document document, String field, Supplier<Object> value) {
        if (random.nextInt(5) != 0) {
            document.put(field, value.get());
        }
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static String id(int n) {
        return String.format("d-%04d", n);
    }
}
