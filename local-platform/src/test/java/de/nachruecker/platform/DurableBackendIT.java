package de.nachruecker.platform;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The store's group commit and its compaction, over the real driver, in this JVM. */
class DurableBackendIT {

    @TempDir
    Path dataDir;
    private DurableBackend backend;
    private FileBackedMongo mongo;
    private MongoClient client;
    private MongoCollection<Document> people;

    @BeforeEach
    void start() throws Exception {
        mongo = new FileBackedMongo(dataDir, Ports.free());
        mongo.start();
        backend = mongo.backend();
        client = MongoClients.create(mongo.uri("durable-test"));
        people = client.getDatabase("durable-test").getCollection("people");
    }

    @AfterEach
    void stop() {
        client.close();
        mongo.close();
    }

    @Test
    void concurrentWritersShareCommits() throws Exception {
        int writers = 8;
        int each = 100;
        long before = backend.commits();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(pool.submit(() -> {
                for (int i = 0; i < each; i++) {
                    people.insertOne(new Document("_id", writer + "-" + i));
                }
            }));
        }
        for (Future<?> future : done) {
            future.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(people.countDocuments()).isEqualTo(writers * each);
        long commits = backend.commits() - before;
        assertThat(commits).as("one commit per write at most, fewer when writers overlap")
                .isGreaterThan(0).isLessThan(writers * each);
    }

    @Test
    void aQueryGoesOnReadingAcrossACompaction() {
        for (int i = 0; i < 300; i++) {
            people.insertOne(new Document("_id", String.format("p-%03d", i)));
        }
        people.deleteOne(new Document("_id", "p-000"));
        List<String> read = new ArrayList<>();
        try (MongoCursor<Document> cursor = people.find().batchSize(50).iterator()) {
            read.add(cursor.next().getString("_id"));
            mongo.compactNow(); // the store below the open cursor is replaced

            cursor.forEachRemaining(document -> read.add(document.getString("_id")));
        }
        assertThat(read).hasSize(299).doesNotHaveDuplicates().doesNotContain("p-000");
        assertThat(people.countDocuments()).isEqualTo(299);
    }
}
