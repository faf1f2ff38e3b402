package de.nachruecker.platform;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's floor (docs/benchmarks.md): operations per second of the launcher's database child JVM over the real
 * driver, 20,000 documents of about 250 bytes, with one and with eight client threads; reads alone, and reads while
 * others write (a read waits for the commit of a change it may have seen). A tool, not a test: it runs
 * only with {@code -Dstore.benchmark=true} (then {@code -Dit.test=StoreBenchmarkIT}); {@code
 * -Dstore.benchmark.fsync=PT1S} measures the periodic fsync, {@code -Dstore.benchmark.documents=N} another size.
 */
@EnabledIfSystemProperty(named = "store.benchmark", matches = "true")
class StoreBenchmarkIT {

    private static final int DOCUMENTS = Integer.getInteger("store.benchmark.documents", 20_000);
    private static final String PADDING = "x".repeat(180);

    @TempDir
    Path dataDir;

    @Test
    void storeFloor() throws Exception {
        Duration fsync = Duration.parse(System.getProperty("store.benchmark.fsync", "PT0S"));
        MongoProcess mongo = new MongoProcess(dataDir, Ports.free(), dataDir.resolve("mongo.log"),
                FileBackedMongo.DEFAULT_COMPACTION_INTERVAL, fsync);
        mongo.start(Duration.ofMinutes(2));
        try (MongoClient client = MongoClients.create(mongo.uri("bench"))) {
            MongoCollection<Document> one = client.getDatabase("bench").getCollection("one");
            MongoCollection<Document> eight = client.getDatabase("bench").getCollection("eight");
            List<String> rows = new ArrayList<>();
            rows.add(row("insertOne", 1, run(1, DOCUMENTS, i -> one.insertOne(document(i)))));
            rows.add(row("findOneAndUpdate {_id, claim: null}", 1, run(1, DOCUMENTS, i -> one.findOneAndUpdate(
                    new Document("_id", "d-" + i).append("claim", null),
                    new Document("$set", new Document("claim", "w"))))));
            rows.add(row("insertOne", 8, run(8, DOCUMENTS, i -> eight.insertOne(document(i)))));
            rows.add(row("findOneAndUpdate {_id, claim: null}", 8, run(8, DOCUMENTS, i -> eight.findOneAndUpdate(
                    new Document("_id", "d-" + i).append("claim", null),
                    new Document("$set", new Document("claim", "w"))))));
            rows.add(row("find {_id}", 8, run(8, DOCUMENTS, i -> one.find(new Document("_id", "d-" + i)).first())));
            rows.add(row("find {_id} while 4 other threads insertOne without pause", 4,
                    readsWhileWriting(one, client.getDatabase("bench").getCollection("written"))));
            System.out.println("| operation | client threads | operations/s |\n|---|---|---|\n"
                    + String.join("\n", rows));
            assertThat(one.countDocuments(new Document("claim", "w"))).isEqualTo(DOCUMENTS);
        } finally {
            mongo.close();
        }
    }

    private static Document document(int i) {
        return new Document("_id", "d-" + i).append("centre", "korbach").append("status", "NEW")
                .append("claim", null).append("padding", PADDING);
    }

    private static String row(String operation, int threads, double perSecond) {
        return "| " + operation + " | " + threads + " | " + Math.round(perSecond) + " |";
    }

    /** Finds per second of four threads while four others insert all the time, so commits are always under way. */
    private static double readsWhileWriting(MongoCollection<Document> read, MongoCollection<Document> written)
            throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(4);
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicInteger next = new AtomicInteger();
        for (int w = 0; w < 4; w++) {
            writers.submit(() -> {
                while (reading.get()) {
                    written.insertOne(document(next.getAndIncrement()));
                }
            });
        }
        try {
            return run(4, DOCUMENTS, i -> read.find(new Document("_id", "d-" + i)).first());
        } finally {
            reading.set(false);
            writers.shutdown();
            assertThat(writers.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }
    }

    /** Operations 0..count-1, split among the threads; returns operations per second. */
    static double run(int threads, int count, IntConsumer operation) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            done.add(pool.submit(() -> {
                for (int i = first; i < count; i += threads) {
                    operation.accept(i);
                }
            }));
        }
        for (Future<?> future : done) {
            future.get(30, TimeUnit.MINUTES);
        }
        pool.shutdown();
        return count / ((System.nanoTime() - started) / 1e9);
    }
}
