package de.nachruecker.platform;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The {@link FileBackedMongo} of the local platform in a child JVM of its own, like the broker and the services: its
 * heap is capped, so the store's page cache and the garbage of large scans cannot grow the launcher without bound
 * (an uncapped launcher was seen at 1.1 GB with 8,000 candidates). SIGTERM closes the store cleanly.
 */
public final class MongoProcess implements AutoCloseable {

    /**
     * Enough for the store's cache and a scan of 100,000 documents (live heap ~40 MB with 100,000 candidates); the
     * serial collector returns memory early.
     */
    static final List<String> JVM_OPTIONS = List.of("-Xms32m", "-Xmx192m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    private final Path dataDir;
    private final int port;
    private final Path logFile;
    private final Duration compactionInterval;
    private ChildProcess process;

    public MongoProcess(Path dataDir, int port, Path logFile) {
        this(dataDir, port, logFile, FileBackedMongo.DEFAULT_COMPACTION_INTERVAL);
    }

    /** @param compactionInterval how often the file is compacted: the bound for deleted data to leave the disk */
    public MongoProcess(Path dataDir, int port, Path logFile, Duration compactionInterval) {
        this.dataDir = dataDir;
        this.port = port;
        this.logFile = logFile;
        this.compactionInterval = compactionInterval;
    }

    /** Starts the child and waits until it accepts connections. */
    public void start(Duration timeout) throws IOException, InterruptedException {
        if (Ports.isListening(port)) {
            throw new IllegalStateException("port " + port + " of the MongoDB-protocol server is in use");
        }
        process = ChildProcess.java("mongo", JVM_OPTIONS,
                List.of(MongoProcess.class.getName(), dataDir.toAbsolutePath().toString(), Integer.toString(port),
                        compactionInterval.toString()),
                Map.of(), logFile);
        Ports.awaitListening("the MongoDB-protocol server", port, process, timeout);
    }

    /** kill -9 of the server: nothing of it runs any more, as when the process is killed or crashes. */
    public void kill() throws InterruptedException {
        process.kill();
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

    /** The child: {@code <data dir> <port> <compaction interval>}; serves until SIGTERM, then closes the store. */
    public static void main(String[] args) throws Exception {
        FileBackedMongo mongo = new FileBackedMongo(Path.of(args[0]), Integer.parseInt(args[1]),
                Duration.parse(args[2]));
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
