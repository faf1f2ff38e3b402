package de.nachruecker.platform;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database server's own CPU per operation (local-platform/README.md, "How documents are stored"): the launcher's
 * store in its child JVM (same JVM options), candidate-shaped documents (about 400 bytes, as allocation-service's),
 * four client threads. Per phase the CPU the server process used (from the OS, so with its GC and JIT), divided by the
 * operations: inserts, conditional updates and findAndModify by {@code _id}, finds by {@code _id}, full scans (a
 * filter no index answers), and after a restart a scan from the file (cold cache); then the file size and the server's RSS. A tool,
 * not a test: it runs only with {@code -Dstore.benchmark=true -Dit.test=StoreCpuBenchmarkIT};
 * {@code -Dstore.benchmark.documents=N} another size, {@code -Dstore.benchmark.cache-mb=N} another page cache,
 * {@code -Dstore.benchmark.jvm="…"} more options for the server's JVM (JFR, GC logs).
 */
@EnabledIfSystemProperty(named = "store.benchmark", matches = "true")
class StoreCpuBenchmarkIT {

    private static final int DOCUMENTS = Integer.getInteger("store.benchmark.documents", 20_000);
    private static final String CACHE_MB = System.getProperty("store.benchmark.cache-mb", "32");
    /** More options for the server's JVM, space-separated: a profiler ({@code -XX:StartFlightRecording=…}), GC logs. */
    private static final String EXTRA_JVM = System.getProperty("store.benchmark.jvm", "");
    private static final int THREADS = 4;
    private static final int SCANS = 5;

    @TempDir
    Path dataDir;

    @Test
    void serverCpuPerOperation() throws Exception {
        List<String> ids = new ArrayList<>();
        Random random = new Random(20210607L);
        List<Document> candidates = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            candidates.add(candidate(i, random));
            ids.add(candidates.get(i).getString("_id"));
        }
        List<String> rows = new ArrayList<>();
        int port = Ports.free();
        ChildProcess server = start(port);
        try (MongoClient client = MongoClients.create(FileBackedMongo.uri(port, "bench"))) {
            MongoCollection<Document> warmUp = client.getDatabase("bench").getCollection("warm-up");
            StoreBenchmarkIT.run(THREADS, 3_000, i -> { // JIT and caches warm, not measured
                warmUp.insertOne(candidate(DOCUMENTS + i, new Random(i)));
                warmUp.find(new Document("_id", "c-x")).first();
            });
            MongoCollection<Document> pool = client.getDatabase("bench").getCollection("candidates");
            rows.add(measure(server, "insertOne", DOCUMENTS, () -> StoreBenchmarkIT.run(THREADS, DOCUMENTS,
                    i -> pool.insertOne(candidates.get(i)))));
            rows.add(measure(server, "updateOne {_id, claim: null} $set claim, activeOfferId, claimedAt", DOCUMENTS,
                    () -> StoreBenchmarkIT.run(THREADS, DOCUMENTS, i -> pool.updateOne(
                            new Document("_id", ids.get(i)).append("claim", null),
                            new Document("$set", new Document("claim", "offer-" + i).append("activeOfferId",
                                    "offer-" + i).append("claimedAt", new Date()))))));
            // the claim's shape as allocation-service grants it: a conditional findAndModify by _id, new document back
            rows.add(measure(server, "findOneAndUpdate {_id, claim} $set vaccinated", DOCUMENTS,
                    () -> StoreBenchmarkIT.run(THREADS, DOCUMENTS, i -> pool.findOneAndUpdate(
                            new Document("_id", ids.get(i)).append("claim", "offer-" + i),
                            new Document("$set", new Document("vaccinated", true)),
                            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))));
            rows.add(measure(server, "find {_id}", DOCUMENTS, () -> StoreBenchmarkIT.run(THREADS, DOCUMENTS,
                    i -> pool.find(new Document("_id", ids.get(i))).first())));
            rows.add(measure(server, "full scan (find {claimReleaseId: 'none'}, no index, nothing found)", SCANS,
                    () -> StoreBenchmarkIT.run(1, SCANS, i -> pool.find(new Document("claimReleaseId", "none")).first())));
            rows.add(measure(server, "full scan (count {verified, withdrawn}: aggregation)", SCANS, () -> StoreBenchmarkIT.run(1, SCANS,
                    i -> pool.countDocuments(new Document("verified", true).append("withdrawn", false)))));
            assertThat(pool.countDocuments(new Document("claim", new Document("$ne", null)))).isEqualTo(DOCUMENTS);
        } finally {
            server.stop(Duration.ofSeconds(30));
        }
        long fileBytes = Files.size(dataDir.resolve(DurableBackend.FILE_NAME));

        server = start(port);
        try (MongoClient client = MongoClients.create(FileBackedMongo.uri(port, "bench"))) {
            MongoCollection<Document> pool = client.getDatabase("bench").getCollection("candidates");
            rows.add(measure(server, "after a restart: full scan", SCANS, () -> StoreBenchmarkIT.run(1, SCANS,
                    i -> pool.countDocuments(new Document("verified", true).append("withdrawn", false)))));
            rows.add("| file | " + String.format("%,d", fileBytes / 1024 / 1024) + " MB | | |");
            rows.add("| server RSS at the end | " + rssMb(server.pid()) + " MB | | |");
        } finally {
            server.stop(Duration.ofSeconds(30));
        }
        System.out.println("| " + DOCUMENTS + " documents, page cache " + CACHE_MB
                + " MB | wall | server CPU | server CPU per operation |\n|---|---|---|---|\n"
                + String.join("\n", rows));
    }

    private ChildProcess start(int port) throws IOException, InterruptedException {
        List<String> jvm = new ArrayList<>(MongoProcess.JVM_OPTIONS);
        jvm.add("-Dnachruecker.store.cache-mb=" + CACHE_MB);
        Arrays.stream(EXTRA_JVM.split(" ")).filter(option -> !option.isBlank()).forEach(jvm::add);
        // the store's other settings, given to the build as -Dnachruecker.store.…, e.g. to compare page split sizes
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("nachruecker.store.") && !name.endsWith(".cache-mb"))
                .forEach(name -> jvm.add("-D" + name + "=" + System.getProperty(name)));
        ChildProcess server = ChildProcess.java("mongo", jvm, List.of(MongoProcess.class.getName(),
                dataDir.toAbsolutePath().toString(), Integer.toString(port),
                FileBackedMongo.DEFAULT_COMPACTION_INTERVAL.toString(), FileBackedMongo.FSYNC_EACH_COMMIT.toString()),
                Map.of(), dataDir.resolve("mongo.log"));
        Ports.awaitListening("the store", port, server, ChildStore.START);
        return server;
    }

    interface Phase {
        void run() throws Exception;
    }

    private static String measure(ChildProcess server, String operation, int operations, Phase phase)
            throws Exception {
        Duration cpuBefore = cpu(server.pid());
        Instant from = Instant.now();
        long started = System.nanoTime();
        phase.run();
        long wallMs = (System.nanoTime() - started) / 1_000_000;
        Duration cpu = cpu(server.pid()).minus(cpuBefore);
        // the phase's window, to split a profile of the server (JFR samples carry wall-clock times) by operation
        System.out.println("phase " + operation + ": " + from + " .. " + Instant.now());
        return String.format("| %s | %,d ms | %,d ms | %.3f ms |", operation, wallMs, cpu.toMillis(),
                cpu.toNanos() / 1e6 / operations);
    }

    private static Duration cpu(long pid) {
        return ProcessHandle.of(pid).orElseThrow().info().totalCpuDuration().orElseThrow();
    }

    private static long rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    /** Shaped like allocation-service's {@code CandidateDocument} as Spring Data writes it (also StoreFileGrowthIT's). */
    static Document candidate(int i, Random random) {
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
}
