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
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

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
