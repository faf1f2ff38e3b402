package de.nachruecker.platform;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the secondary indexes do for the services' periodic sweeps (local-platform README, docs/benchmarks.md): the
 * time of a sweep over 100,000 offer-like documents of about 250 bytes through the real driver, without the indexes
 * (a scan) and with them, and the heap the indexes take. A tool, not a test: it runs only with
 * {@code -Dsweep.benchmark=true} (then {@code -Dit.test=SweepBenchmarkIT}); {@code -Dsweep.benchmark.documents=N}
 * measures another size. Run it alone (it measures time and heap).
 */
@EnabledIfSystemProperty(named = "sweep.benchmark", matches = "true")
class SweepBenchmarkIT {

    private static final int DOCUMENTS = Integer.getInteger("sweep.benchmark.documents", 100_000);
    private static final int RUNS = 21;
    private static final long NOW = 1_800_000_000_000L;
    private static final String PADDING = "x".repeat(120);

    @Test
    void sweepsWithAndWithoutIndexes() {
        MongoServer server = new MongoServer(new IdFirstH2Backend(new MVStore.Builder().open()));
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://localhost:" + address.getPort())) {
            MongoCollection<Document> offers = client.getDatabase("bench").getCollection("offers");
            Random random = new Random(17);
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < DOCUMENTS; i++) {
                batch.add(offer(i, random));
                if (batch.size() == 1_000) {
                    offers.insertMany(batch);
                    batch.clear();
                }
            }
            Document outboxSweep = new Document("outbox.0.eventId", new Document("$exists", true));
            Document deadlineSweep = new Document("status", "MADE")
                    .append("answerDeadline", new Document("$lt", new Date(NOW)));
            Document claimSweep = new Document("activeOfferId", new Document("$ne", null))
                    .append("claimedAt", new Document("$lt", new Date(NOW - 600_000)));

            List<String> rows = new ArrayList<>();
            long[] scans = {median(offers, outboxSweep), median(offers, deadlineSweep), median(offers, claimSweep)};
            long heapBefore = liveHeap();
            offers.createIndex(new Document("outbox.0.eventId", 1), new IndexOptions().sparse(true));
            long heapOutbox = liveHeap();
            offers.createIndex(new Document("status", 1).append("answerDeadline", 1));
            long heapDeadline = liveHeap();
            offers.createIndex(new Document("claimedAt", 1), new IndexOptions().sparse(true));
            long heapClaims = liveHeap();
            long[] indexed = {median(offers, outboxSweep), median(offers, deadlineSweep), median(offers, claimSweep)};
            String[] names = {"outbox sweep {outbox.0.eventId: {$exists: true}} (1 % pending)",
                    "deadline sweep {status: MADE, answerDeadline < now} (2 % open)",
                    "orphan claims {activeOfferId != null, claimedAt < cutoff} (1 % claimed)"};
            long[] heap = {heapOutbox - heapBefore, heapDeadline - heapOutbox, heapClaims - heapDeadline};
            for (int i = 0; i < names.length; i++) {
                rows.add(String.format("| %s | %.1f ms | %.2f ms | %.1f MB |", names[i], scans[i] / 1e6,
                        indexed[i] / 1e6, heap[i] / 1e6));
            }
            System.out.printf("%n%,d documents, median of %d sweeps through the driver%n"
                            + "| query | scan | index | index heap |%n|---|---|---|---|%n%s%n", DOCUMENTS, RUNS,
                    String.join("\n", rows));
            assertThat(offers.countDocuments(outboxSweep)).isPositive();
        } finally {
            server.shutdownNow();
        }
    }

    /** 1 % with a pending event, 2 % open (MADE), 1 % holding a claim: a day's offers, most of them long finished. */
    private static Document offer(int i, Random random) {
        int roll = random.nextInt(100);
        Document offer = new Document("_id", String.format("o-%07d", i))
                .append("releaseId", "r-" + i / 10).append("candidateId", "c-" + random.nextInt(100_000))
                .append("status", roll < 2 ? "MADE" : roll < 40 ? "EXPIRED" : "ACCEPTED")
                .append("answerDeadline", new Date(NOW - 3_600_000L + random.nextInt(7_200_000)))
                .append("wave", random.nextInt(5)).append("rank", random.nextInt(30))
                .append("outbox", roll == 50 ? List.of(new Document("eventId", "e-" + i).append("topic", "offers"))
                        : List.of())
                .append("padding", PADDING);
        if (roll == 60) {
            offer.append("activeOfferId", "o-" + i).append("claimedAt", new Date(NOW - random.nextInt(1_200_000)));
        }
        return offer;
    }

    private static long median(MongoCollection<Document> offers, Document filter) {
        long[] times = new long[RUNS];
        for (int run = 0; run < RUNS; run++) {
            long start = System.nanoTime();
            offers.find(filter).projection(new Document("_id", 1)).into(new ArrayList<>());
            times[run] = System.nanoTime() - start;
        }
        Arrays.sort(times);
        return times[RUNS / 2];
    }

    /** The heap in use after full collections: what the documents and indexes keep alive. */
    private static long liveHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
