package de.nachruecker.platform;

import de.bwaldvogel.mongo.MongoServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A MongoDB-protocol server (mongo-java-server) stored in one H2/MVStore file so data survives a restart. It has no
 * multi-document transactions, which the services do not use; filters on {@code _id} use the {@code _id} index
 * ({@link IdFirstH2Backend}). A write is acknowledged once it is on disk, and the file is compacted on a schedule so
 * that deleted documents are physically gone ({@link DurableBackend}). The launcher runs it in a child JVM with a
 * capped heap ({@link MongoProcess}). It counts its clients' commands ({@link OperationCounters}, read through
 * {@code serverStatus}).
 */
public final class FileBackedMongo implements AutoCloseable {

    /**
     * MVStore's page cache in MB. The store file holds the data; the cache only spares reads, and scans of a large
     * collection churn it anyway, so a small one keeps the heap predictable. The system property
     * {@code nachruecker.store.cache-mb} sets another size (for {@code StoreCpuBenchmarkIT}).
     */
    static final int CACHE_MB = Integer.getInteger("nachruecker.store.cache-mb", 32);

    /** The launcher's default; {@code --store-compaction-interval} sets another. */
    public static final Duration DEFAULT_COMPACTION_INTERVAL = Duration.ofMinutes(15);
    /** Zero: each commit is fsynced before it is acknowledged ({@code --store-fsync=commit}). */
    public static final Duration FSYNC_EACH_COMMIT = Duration.ZERO;

    /**
     * The server's network threads (netty event loops). A command runs on the thread of its connection and blocks it,
     * and every other connection on it, while it waits for a commit (writes, and reads of what is not on disk yet).
     * netty's default, two per core, let four commands share a commit on two cores; with one thread for about every
     * connection the services keep busy, more share one commit (docs/benchmarks.md: 8 writers about twice as fast).
     */
    static final int NETWORK_THREADS = 32;

    private final DurableBackend backend;
    private final MongoServer server;
    private final int port;
    private final Duration compactionInterval;
    private final Duration fsyncInterval;
    private ScheduledExecutorService schedule;

    public FileBackedMongo(Path dataDir, int port) throws IOException {
        this(dataDir, port, DEFAULT_COMPACTION_INTERVAL, FSYNC_EACH_COMMIT);
    }

    /**
     * @param fsyncInterval zero: every commit is fsynced before the write is acknowledged; otherwise commits are
     *                      written (kill -9 safe) and forced to the disk this often (an OS crash may lose that much)
     */
    public FileBackedMongo(Path dataDir, int port, Duration compactionInterval, Duration fsyncInterval)
            throws IOException {
        this.backend = DurableBackend.open(dataDir, CACHE_MB, fsyncInterval.isZero());
        this.server = new MongoServer(new OperationCounters(backend));
        this.port = port;
        this.compactionInterval = compactionInterval;
        this.fsyncInterval = fsyncInterval;
    }

    public void start() {
        server.bind(new InetSocketAddress("127.0.0.1", port), 1, NETWORK_THREADS);
        schedule = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "store-schedule");
            thread.setDaemon(true);
            return thread;
        });
        // fixed delay: a run that takes long does not start the next one right away
        long millis = compactionInterval.toMillis();
        schedule.scheduleWithFixedDelay(backend::compact, millis, millis, TimeUnit.MILLISECONDS);
        if (!fsyncInterval.isZero()) {
            long sync = fsyncInterval.toMillis();
            schedule.scheduleWithFixedDelay(backend::syncNow, sync, sync, TimeUnit.MILLISECONDS);
        }
    }

    public String uri(String database) {
        return uri(port, database);
    }

    static String uri(int port, String database) {
        return "mongodb://localhost:" + port + "/" + database;
    }

    DurableBackend backend() {
        return backend;
    }

    /** Compacts now (tests; the schedule does it every interval). */
    void compactNow() {
        backend.compact();
    }

    @Override
    public void close() {
        if (schedule != null) {
            schedule.shutdownNow();
        }
        server.shutdown();
    }
}
