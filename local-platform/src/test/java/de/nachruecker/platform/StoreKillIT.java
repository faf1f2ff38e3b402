package de.nachruecker.platform;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the server acknowledged or answered is in its file: kill -9 of the server process loses no acknowledged write,
 * and no write a read has shown.
 */
class StoreKillIT {

    @TempDir
    Path dataDir;
    @RegisterExtension
    final ChildStore store = new ChildStore();

    /** Both fsync policies: the commit is in the file before the acknowledgement either way. */
    @ParameterizedTest(name = "fsync interval {0} (zero: every commit)")
    @ValueSource(strings = {"PT0S", "PT10S"})
    void everyAcknowledgedWriteSurvivesKillMinus9(String fsyncInterval) throws Exception {
        int port = Ports.free();
        MongoProcess mongo = store.start(new MongoProcess(dataDir, port, dataDir.resolve("mongo.log"),
                FileBackedMongo.DEFAULT_COMPACTION_INTERVAL, Duration.parse(fsyncInterval)));
        Set<String> acknowledged = new HashSet<>();
        try (MongoClient client = MongoClients.create(mongo.uri("kill-test"))) {
            MongoCollection<Document> registrations = client.getDatabase("kill-test").getCollection("registrations");
            for (int i = 0; i < 300; i++) {
                registrations.insertOne(new Document("_id", "r-" + i).append("status", "NEW"));
                acknowledged.add("r-" + i);
            }
            for (int i = 0; i < 300; i += 3) { // updates too, the services' hot path
                registrations.findOneAndUpdate(new Document("_id", "r-" + i).append("status", "NEW"),
                        new Document("$set", new Document("status", "VERIFIED")));
            }
        }
        mongo.kill(); // right after the last acknowledgement, well inside any background commit delay

        mongo = store.start(dataDir, port, dataDir.resolve("mongo.log"));
        try (MongoClient client = MongoClients.create(mongo.uri("kill-test"))) {
            MongoCollection<Document> registrations = client.getDatabase("kill-test").getCollection("registrations");
            Set<String> found = new HashSet<>();
            registrations.find().forEach(document -> found.add(document.getString("_id")));
            assertThat(found).as("acknowledged inserts after kill -9").containsAll(acknowledged);
            long verified = registrations.countDocuments(new Document("status", "VERIFIED"));
            assertThat(verified).as("acknowledged updates after kill -9").isEqualTo(100);
        }
    }

    /**
     * Stop 20: the space of a dead chunk is written over as soon as no command may still read it, and the group
     * commit rewrites sparse chunks' live pages, both between a commit and its fsync. Documents inserted in batches
     * (their unique index leaves keep sparse chunks alive) are updated by four writers, each its own documents, until
     * the server is killed -9: every document then holds its last acknowledged value, or the value of the update
     * that was under way.
     */
    @Test
    void everyAcknowledgedUpdateSurvivesKillMinus9WhileChunksAreReused() throws Exception {
        int port = Ports.free();
        MongoProcess mongo = store.start(dataDir, port, dataDir.resolve("mongo.log"));
        int documents = 2_000;
        int writers = 4;
        Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
        Map<String, Integer> underWay = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        // the writers' last updates fail soon once the server is gone, instead of looking for it for 30 s
        try (MongoClient client = MongoClients.create(mongo.uri("kill-test") + "?serverSelectionTimeoutMS=2000")) {
            MongoCollection<Document> candidates = client.getDatabase("kill-test").getCollection("candidates");
            for (int batch = 0; batch < documents / 250; batch++) {
                List<Document> inserted = new ArrayList<>();
                for (int i = batch * 250; i < (batch + 1) * 250; i++) {
                    inserted.add(new Document("_id", "c-" + (i * 7_919 % documents)).append("v", 0)
                            .append("padding", "z".repeat(300)));
                    acknowledged.put("c-" + (i * 7_919 % documents), 0);
                }
                candidates.insertMany(inserted);
            }
            AtomicInteger updates = new AtomicInteger();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                pool.submit(() -> {
                    Random random = new Random(writer);
                    for (int n = 1; ; n++) {
                        String id = "c-" + (random.nextInt(documents / writers) * writers + writer);
                        underWay.put(id, n);
                        candidates.updateOne(new Document("_id", id), new Document("$set", new Document("v", n)));
                        acknowledged.put(id, n);
                        underWay.remove(id);
                        updates.incrementAndGet();
                    }
                });
            }
            await().atMost(Duration.ofMinutes(3)).until(() -> updates.get() >= 6_000);
            mongo.kill();
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }

        mongo = store.start(dataDir, port, dataDir.resolve("mongo.log"));
        try (MongoClient client = MongoClients.create(mongo.uri("kill-test"))) {
            Map<String, Integer> found = new HashMap<>();
            client.getDatabase("kill-test").getCollection("candidates").find()
                    .forEach(document -> found.put(document.getString("_id"), document.getInteger("v")));
            assertThat(found).hasSize(documents);
            acknowledged.forEach((id, value) -> assertThat(found.get(id)).as(id)
                    .isIn(value, underWay.getOrDefault(id, value)));
        }
    }

    /**
     * The fault suite's finding: a service read a document whose commit had not reached the file, published an event
     * about it, and the kill -9 took the document back. One client writes documents one after another, another reads
     * each as soon as it is there, and kills the server right after a read: everything a read showed must be there
     * after the restart. The documents are large, so a commit takes a while to serialise and write, and the kill
     * comes while one is under way.
     */
    @Test
    void everyDocumentAReadShowedSurvivesKillMinus9() throws Exception {
        int port = Ports.free();
        MongoProcess mongo = store.start(dataDir, port, dataDir.resolve("mongo.log"));
        String padding = "x".repeat(256 * 1024);
        Set<String> shown = ConcurrentHashMap.newKeySet();
        ExecutorService writing = Executors.newSingleThreadExecutor();
        try (MongoClient writer = MongoClients.create(mongo.uri("kill-test"));
             MongoClient reader = MongoClients.create(mongo.uri("kill-test"))) {
            MongoCollection<Document> written = writer.getDatabase("kill-test").getCollection("offers");
            MongoCollection<Document> read = reader.getDatabase("kill-test").getCollection("offers");
            Future<?> writes = writing.submit(() -> {
                for (int i = 0; ; i++) {
                    written.insertOne(new Document("_id", "o-" + i).append("padding", padding));
                }
            });
            for (int i = 0; i < 40; i++) {
                while (read.find(new Document("_id", "o-" + i)).projection(new Document("_id", 1)).first() == null) {
                    assertThat(writes.isDone()).as("the writer is still writing").isFalse();
                }
                shown.add("o-" + i);
            }
            mongo.kill(); // right after a read: the next write is under way, and what was read may be too
            writes.cancel(true);
        } finally {
            writing.shutdownNow();
            assertThat(writing.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }

        mongo = store.start(dataDir, port, dataDir.resolve("mongo.log"));
        try (MongoClient client = MongoClients.create(mongo.uri("kill-test"))) {
            Set<String> found = new HashSet<>();
            client.getDatabase("kill-test").getCollection("offers").find().projection(new Document("_id", 1))
                    .forEach(document -> found.add(document.getString("_id")));
            assertThat(found).as("documents a read showed, after kill -9").containsAll(shown);
        }
    }
}
