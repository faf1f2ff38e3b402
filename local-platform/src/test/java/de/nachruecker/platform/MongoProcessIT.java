package de.nachruecker.platform;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The launcher's database as a child JVM: served over the real wire protocol, kept across a SIGTERM and a restart. */
class MongoProcessIT {

    @TempDir
    Path dataDir;
    @RegisterExtension
    final ChildStore store = new ChildStore();

    @Test
    void aDocumentWrittenBeforeSigtermIsThereAfterARestart() throws Exception {
        int port = Ports.free();
        MongoProcess mongo = store.start(dataDir, port, dataDir.resolve("mongo.log"));
        try (MongoClient client = MongoClients.create(mongo.uri("platform-test"))) {
            client.getDatabase("platform-test").getCollection("candidates")
                    .insertOne(new Document("_id", "c-1").append("centre", "korbach"));
        }

        mongo.close();
        assertThat(Ports.isListening(port)).as("stopped").isFalse();
        mongo = store.start(dataDir, port, dataDir.resolve("mongo.log"));

        try (MongoClient client = MongoClients.create(mongo.uri("platform-test"))) {
            Document found = client.getDatabase("platform-test").getCollection("candidates")
                    .find(new Document("_id", "c-1")).first();
            assertThat(found).isNotNull();
            assertThat(found.getString("centre")).isEqualTo("korbach");
        }
    }

    /** The ops team reads the server's pauses beside its log, whatever the log directory is called. */
    @Test
    void writesItsGcLogBesideItsLog() throws Exception {
        Path logs = Files.createDirectories(dataDir.resolve("logs of: the platform"));
        store.start(dataDir.resolve("mongo"), Ports.free(), logs.resolve("mongo.log"));

        Path gcLog = logs.resolve(MongoProcess.GC_LOG);
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() ->
                assertThat(gcLog).isRegularFile().content().contains("Using "));
    }
}
