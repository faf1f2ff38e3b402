package de.nachruecker.platform;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Not a test: the cost of the launcher's database for the services' kind of traffic, in one JVM (server and client),
 * for comparing store formats. 20,000 candidate-shaped inserts, 2,000 conditional updates by {@code _id}, 2,000 finds
 * by {@code _id}, then a restart and a full scan from a cold cache. Reports per phase the wall time, the process's
 * CPU time and the part of it spent in MVStore's own threads (which encode and write the changed pages, off the
 * path wall time measures), and the file size.
 * <p>
 * Run with the server's flags: {@code java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp <test classpath>
 * de.nachruecker.platform.DocumentStoreBenchmark <empty dir>}.
 */
public final class DocumentStoreBenchmark {

    private static final int CANDIDATES = 20_000;
    private static final int UPDATES = 2_000;
    private static final int FINDS = 2_000;
    private static final long SEED = 20210607L;

    private DocumentStoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        Random random = new Random(SEED);
        List<String> ids = new ArrayList<>();
        Phase phase = new Phase();
        try (FileBackedMongo mongo = new FileBackedMongo(dataDir, Ports.free())) {
            mongo.start();
            try (MongoClient client = MongoClients.create(mongo.uri("bench"))) {
                MongoCollection<Document> candidates = client.getDatabase("bench").getCollection("candidates");
                phase.start();
                for (int i = 0; i < CANDIDATES; i++) {
                    Document candidate = candidate(i, random);
                    candidates.insertOne(candidate);
                    ids.add(candidate.getString("_id"));
                }
                phase.report(CANDIDATES + " inserts");
                for (int i = 0; i < UPDATES; i++) {
                    String id = ids.get(random.nextInt(ids.size()));
                    String offer = "offer-" + i;
                    // one document, _id beside the condition, as Spring Data sends it (Filters.and would nest $and)
                    candidates.updateOne(new Document("_id", id).append("claim", null),
                            Updates.combine(Updates.set("claim", offer), Updates.set("activeOfferId", offer),
                                    Updates.set("claimedAt", new Date())));
                }
                phase.report(UPDATES + " conditional updates by _id");
                int found = 0;
                for (int i = 0; i < FINDS; i++) {
                    if (candidates.find(Filters.eq("_id", ids.get(random.nextInt(ids.size())))).first() != null) {
                        found++;
                    }
                }
                phase.report(FINDS + " finds by _id (" + found + " found)");
            }
        }
        phase.report("close (final commit)");
        System.out.printf("store file: %,d bytes%n", Files.size(dataDir.resolve("mongo.mv")));

        try (FileBackedMongo mongo = new FileBackedMongo(dataDir, Ports.free())) {
            mongo.start();
            phase.report("reopen");
            try (MongoClient client = MongoClients.create(mongo.uri("bench"))) {
                long unclaimed = client.getDatabase("bench").getCollection("candidates")
                        .countDocuments(Filters.and(Filters.eq("verified", true), Filters.eq("claim", null)));
                phase.report("cold full scan (" + unclaimed + " verified and unclaimed)");
            }
        }
    }

    /** Shaped like allocation-service's {@code CandidateDocument} as Spring Data writes it. */
    private static Document candidate(int i, Random random) {
        Instant registered = Instant.parse("2021-04-01T08:00:00Z").plusSeconds(random.nextInt(5_000_000));
        return new Document("_id", "c-" + new UUID(random.nextLong(), i))
                .append("birthDate", Date.from(Instant.parse("1940-01-01T00:00:00Z")
                        .plusSeconds(86_400L * random.nextInt(25_000))))
                .append("priorityGroup", List.of("HIGHEST", "HIGH", "RAISED", "NONE").get(random.nextInt(4)))
                .append("centreIds", List.of("centre-" + random.nextInt(40), "centre-" + random.nextInt(40)))
                .append("maxTravelMinutes", 15 + random.nextInt(60))
                .append("registeredAt", Date.from(registered))
                .append("verified", random.nextInt(10) > 0)
                .append("withdrawn", false)
                .append("vaccinated", false)
                .append("activeOfferId", null)
                .append("claim", null)
                .append("claimedAt", null)
                .append("claimReleaseId", null)
                .append("appointmentOfferId", null)
                .append("_class", "de.nachruecker.allocation.pool.persistence.CandidateDocument");
    }

    private static final class Phase {

        private long wallStart;
        private long cpuStart;

        private Map<Long, Long> storeCpuStart = Map.of();

        void start() {
            wallStart = System.nanoTime();
            cpuStart = cpuNanos();
            storeCpuStart = storeThreadCpuNanos();
        }

        void report(String what) {
            long wall = System.nanoTime() - wallStart;
            long cpu = cpuNanos() - cpuStart;
            long storeCpu = 0;
            for (Map.Entry<Long, Long> thread : storeThreadCpuNanos().entrySet()) {
                storeCpu += thread.getValue() - storeCpuStart.getOrDefault(thread.getKey(), 0L);
            }
            System.out.printf("%-45s wall %,7d ms   cpu %,7d ms, of it MVStore's threads %,6d ms%n", what,
                    wall / 1_000_000, cpu / 1_000_000, storeCpu / 1_000_000);
            start();
        }

        /**
         * CPU time per live thread of MVStore's own (background writer, page serialisation, saving): where pages are
         * encoded when a commit is not made by the writing thread itself.
         */
        private static Map<Long, Long> storeThreadCpuNanos() {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            Map<Long, Long> nanos = new HashMap<>();
            for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (thread != null && (thread.getThreadName().startsWith("MVStore")
                        || thread.getThreadName().startsWith("H2-"))) {
                    nanos.put(thread.getThreadId(), Math.max(0, threads.getThreadCpuTime(thread.getThreadId())));
                }
            }
            return nanos;
        }

        private static long cpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }
    }
}
