package de.nachruecker.platform;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher's database as a child JVM: served over the real wire protocol, kept across a SIGTERM and a restart. */
class MongoProcessIT {

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

    @Test
    void aDocumentWrittenBeforeSigtermIsThereAfterARestart() throws Exception {
        int port = Ports.free();
        mongo = new MongoProcess(dataDir, port, dataDir.resolve("mongo.log"));
        mongo.start(START);
        try (MongoClient client = MongoClients.create(mongo.uri("platform-test"))) {
            client.getDatabase("platform-test").getCollection("candidates")
                    .insertOne(new Document("_id", "c-1").append("centre", "korbach"));
        }

        mongo.close();
        assertThat(Ports.isListening(port)).as("stopped").isFalse();
        mongo = new MongoProcess(dataDir, port, dataDir.resolve("mongo.log"));
        mongo.start(START);

        try (MongoClient client = MongoClients.create(mongo.uri("platform-test"))) {
            Document found = client.getDatabase("platform-test").getCollection("candidates")
                    .find(new Document("_id", "c-1")).first();
            assertThat(found).isNotNull();
            assertThat(found.getString("centre")).isEqualTo("korbach");
        }
    }
}
