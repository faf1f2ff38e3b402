package de.nachruecker.platform;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the server acknowledged is in its file: kill -9 of the server process loses no acknowledged write. */
class StoreKillIT {

    private static final Duration START = Duration.ofMinutes(2);

    @TempDir
    Path dataDir;
    private MongoProcess mongo;

    @AfterEach
    void stop() {
        if (mongo != null) {
            mongo.close();
        }
    }

    /** Both fsync policies: the commit is in the file before the acknowledgement either way. */
    @ParameterizedTest(name = "fsync interval {0} (zero: every commit)")
    @ValueSource(strings = {"PT0S", "PT10S"})
    void everyAcknowledgedWriteSurvivesKillMinus9(String fsyncInterval) throws Exception {
        int port = Ports.free();
        mongo = new MongoProcess(dataDir, port, dataDir.resolve("mongo.log"),
                FileBackedMongo.DEFAULT_COMPACTION_INTERVAL, Duration.parse(fsyncInterval));
        mongo.start(START);
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

        mongo = new MongoProcess(dataDir, port, dataDir.resolve("mongo.log"));
        mongo.start(START);
        try (MongoClient client = MongoClients.create(mongo.uri("kill-test"))) {
            MongoCollection<Document> registrations = client.getDatabase("kill-test").getCollection("registrations");
            Set<String> found = new HashSet<>();
            registrations.find().forEach(document -> found.add(document.getString("_id")));
            assertThat(found).as("acknowledged inserts after kill -9").containsAll(acknowledged);
            long verified = registrations.countDocuments(new Document("status", "VERIFIED"));
            assertThat(verified).as("acknowledged updates after kill -9").isEqualTo(100);
        }
    }
}
