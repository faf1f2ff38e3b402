package de.nachruecker.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * The {@link FileBackedMongo} of the local platform in a child JVM of its own, like the broker and the services: its
 * heap is capped, so the store's page cache and the garbage of large scans cannot grow the launcher without bound
 * (an uncapped launcher was seen at 1.1 GB with 8,000 candidates). SIGTERM closes the store cleanly.
 */
public final class MongoProcess implements AutoCloseable {

    /**
     * The live heap is small (~70 MB after a full collection with 100,000 candidates and a run's indexes), but the
     * server allocates fast under load: with a 192 MB cap the young generation promoted early, the old one filled
     * about once a second, and 732 full collections took 180 of the server's 570 CPU seconds in the first twelve
     * minutes of a 100-releases/s run. Under the 384 MB cap alone the Serial collector still kept the heap near 75 MB
     * (it grows the old generation only until 40 % of it is free after a full collection): with 100,000 documents the
     * page cache's churn and MVStore's copied pages filled the old generation about every 0.7 s, and 1,500 young and
     * 207 full collections took 24 of the server's 144 CPU seconds (docs/benchmarks.md, stop 22; on a busier machine
     * 46 s, a full one up to 0.54 s with every command waiting). A young generation of 64 MB and an old one kept 80 %
     * free after a full collection (about five times the live data): 550 young and 16 full collections, 10.5 s, the
     * longest 0.1 s, 9 % less server CPU, about 20 MB more RSS. G1 paused less still but took the whole cap (345 MB
     * RSS against 220). Throughput before memory (issue 17); the heap stays within the cap.
     */
    static final List<String> JVM_OPTIONS = List.of("-Xms96m", "-Xmx384m", "-Xmn64m", "-XX:+UseSerialGC",
            "-XX:MinHeapFreeRatio=80", "-XX:MaxHeapFreeRatio=90");

    /**
     * Every collection's pause, one line each, beside the server's log: a command that waited long (the slow-command
     * log) can be matched with a pause at the same time. Three files of 10 MB at most, rotated by the JVM; a line per
     * pause costs nothing measurable.
     */
    static final String GC_LOG = "mongo-gc.log";

    /** Exit code of a child that refused its store file. */
    static final int EXIT_CORRUPT = 65;
    private static final String FATAL = "FATAL: ";

    private final Path dataDir;
    private final int port;
    private final Path logFile;
    private final Duration compactionInterval;
    private final Duration fsyncInterval;
    private ChildProcess process;
    private Jit jit = Jit.C2;

    public MongoProcess(Path dataDir, int port, Path logFile) {
        this(dataDir, port, logFile, FileBackedMongo.DEFAULT_COMPACTION_INTERVAL, FileBackedMongo.FSYNC_EACH_COMMIT);
    }

    /** @param compactionInterval how often the file is compacted: the bound for deleted data to leave the disk */
    public MongoProcess(Path dataDir, int port, Path logFile, Duration compactionInterval) {
        this(dataDir, port, logFile, compactionInterval, FileBackedMongo.FSYNC_EACH_COMMIT);
    }

    /**
     * @param compactionInterval how often the file is compacted: the bound for deleted data to leave the disk
     * @param fsyncInterval      zero: each commit fsynced before it is acknowledged; else how often to fsync
     */
    public MongoProcess(Path dataDir, int port, Path logFile, Duration compactionInterval, Duration fsyncInterval) {
        this.dataDir = dataDir;
        this.port = port;
        this.logFile = logFile;
        this.compactionInterval = compactionInterval;
        this.fsyncInterval = fsyncInterval;
    }

    /** The compilers of the server's JVM (default {@link Jit#C2}: its CPU per operation is the platform's floor). */
    public MongoProcess jit(Jit compilers) {
        this.jit = compilers;
        return this;
    }

    /** Starts the child and waits until it accepts connections. */
    public void start(Duration timeout) throws IOException, InterruptedException {
        if (Ports.isListening(port)) {
            throw new IllegalStateException("port " + port + " of the MongoDB-protocol server is in use");
        }
        List<String> jvm = new java.util.ArrayList<>(JVM_OPTIONS);
        jvm.addAll(jit.jvmOptions());
        jvm.add(gcLog(logFile.resolveSibling(GC_LOG)));
        process = ChildProcess.java("mongo", jvm,
                List.of(MongoProcess.class.getName(), dataDir.toAbsolutePath().toString(), Integer.toString(port),
                        compactionInterval.toString(), fsyncInterval.toString()),
                Map.of(), logFile);
        try {
            Ports.awaitListening("the MongoDB-protocol server", port, process, timeout);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + fatalLine(), e);
        }
    }

    /** The JVM option that writes {@link #GC_LOG}; the file name quoted, as a path may hold a ':' or a space. */
    static String gcLog(Path file) {
        return "-Xlog:gc:file=\"" + file.toAbsolutePath() + "\":time,uptime:filecount=3,filesize=10m";
    }

    /** The child's own reason, e.g. a damaged store file, so the launcher's last words name it. */
    private String fatalLine() {
        try (Stream<String> lines = Files.lines(logFile)) {
            return lines.filter(line -> line.startsWith(FATAL)).reduce((first, second) -> second)
                    .map(line -> ": " + line).orElse("");
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    /** kill -9 of the server: nothing of it runs any more, as when the process is killed or crashes. */
    public void kill() throws InterruptedException {
        process.kill();
    }

    /** The server's process: its pid, its end; null before {@link #start}. */
    public ChildProcess process() {
        return process;
    }

    /** The exit code of a child that has ended (waits briefly for it). */
    int exitCode() throws InterruptedException {
        return process.waitFor(Duration.ofSeconds(10));
    }

    public String uri(String database) {
        return FileBackedMongo.uri(port, database);
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.stop(Duration.ofSeconds(20));
        }
    }

    /**
     * The child: {@code <data dir> <port> <compaction interval> <fsync interval>}; serves until SIGTERM, then closes
     * the store.
     */
    public static void main(String[] args) throws Exception {
        FileBackedMongo mongo;
        try {
            mongo = new FileBackedMongo(Path.of(args[0]), Integer.parseInt(args[1]), Duration.parse(args[2]),
                    Duration.parse(args[3]));
        } catch (StoreIntegrity.CorruptStoreException e) {
            System.out.println(FATAL + e.getMessage());
            System.exit(EXIT_CORRUPT);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mongo.close();
            stopped.countDown();
        }, "mongo-shutdown"));
        mongo.start();
        ScanLog.start();
        System.out.println("MongoDB-protocol server listening on port " + args[1]);
        stopped.await();
    }
}
