package de.nachruecker.platform;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store file's growth under single-document updates (docs/benchmarks.md, "The store's file and write
 * amplification"): the launcher's store in this JVM with the periodic compaction out of the way, N candidate-shaped
 * documents inserted in batches, then U conditional updates by {@code _id} at random from eight client threads (each
 * its own commit, or a share of one). Every tenth of the updates it prints the file size, the live pages' share of the
 * chunks and the chunks' share of the file; at the end the bytes written per update, the slowest update, and the
 * size after a full compaction (the live data) and how long it took. A tool, not a test: it runs only with {@code -Dstore.growth=true
 * -Dit.test=StoreFileGrowthIT}; {@code -Dstore.growth.documents=N} and {@code -Dstore.growth.updates=U} other sizes.
 */
@EnabledIfSystemProperty(named = "store.growth", matches = "true")
class StoreFileGrowthIT {

    private static final int DOCUMENTS = Integer.getInteger("store.growth.documents", 100_000);
    private static final int UPDATES = Integer.getInteger("store.growth.updates", 30_000);
    private static final int THREADS = 8;

    @TempDir
    Path dataDir;

    @Test
    void fileGrowthUnderSingleDocumentUpdates() throws Exception {
        int port = Ports.free();
        List<String> rows = new ArrayList<>();
        try (FileBackedMongo mongo = new FileBackedMongo(dataDir, port, Duration.ofDays(1),
                FileBackedMongo.FSYNC_EACH_COMMIT);
             MongoClient client = MongoClients.create(mongo.uri("bench"))) {
            mongo.start();
            MongoCollection<Document> pool = client.getDatabase("bench").getCollection("candidates");
            Random random = new Random(20210607L);
            List<String> ids = new ArrayList<>();
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < DOCUMENTS; i++) {
                Document candidate = StoreCpuBenchmarkIT.candidate(i, random);
                ids.add(candidate.getString("_id"));
                batch.add(candidate);
                if (batch.size() == 1_000) {
                    pool.insertMany(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                pool.insertMany(batch);
            }
            rows.add(row("after inserting " + DOCUMENTS, mongo));
            long started = System.nanoTime();
            long commitsBefore = mongo.backend().commits();
            long fileBefore = Files.size(mongo.backend().file());
            AtomicLong slowestNanos = new AtomicLong();
            int step = UPDATES / 10;
            for (int part = 0; part < 10; part++) {
                int first = part * step;
                StoreBenchmarkIT.run(THREADS, step, i -> {
                    int n = first + i;
                    long start = System.nanoTime();
                    pool.updateOne(new Document("_id", ids.get(random(n) % DOCUMENTS)),
                            new Document("$set", new Document("claim", "offer-" + n).append("claimedAt", new Date())));
                    slowestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                });
                rows.add(row("after " + (first + step) + " updates", mongo));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long commits = mongo.backend().commits() - commitsBefore;
            long grown = Files.size(mongo.backend().file()) - fileBefore;
            rows.add(String.format("| %,d updates in %.1f s (%,.0f/s), %,d commits, slowest %,d ms, file grew %,d KB"
                            + " (%.1f KB per update) | | | |", UPDATES, seconds, UPDATES / seconds, commits,
                    slowestNanos.get() / 1_000_000, grown / 1024, grown / 1024.0 / UPDATES));
            assertThat(pool.countDocuments(new Document("claim", new Document("$ne", null)))).isPositive();
            long compaction = System.nanoTime();
            mongo.compactNow(); // what the schedule runs every 15 minutes, while every command waits
            rows.add(row("after a full compaction (the live data), which took "
                    + (System.nanoTime() - compaction) / 1_000_000 + " ms", mongo));
        }
        System.out.println("| " + DOCUMENTS + " documents, page split " + DurableBackend.PAGE_SPLIT_SIZE
                + " B | file | live pages in chunks | chunks in file |\n|---|---|---|---|\n"
                + String.join("\n", rows));
    }

    /** Spreads the updates over the whole collection in a fixed order (a multiplicative hash of n). */
    private static int random(int n) {
        return (int) ((n * 2_654_435_761L) & 0x7fffffff);
    }

    private static String row(String when, FileBackedMongo mongo) throws Exception {
        MVStore store = mongo.backend().mvStore();
        return String.format("| %s | %,d KB | %d %% | %d %% |", when, Files.size(mongo.backend().file()) / 1024,
                store.getFileStore().getChunksFillRate(), store.getFillRate());
    }
}
