package de.nachruecker.platform;

import de.bwaldvogel.mongo.MongoServer;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB-protocol server (mongo-java-server) stored in one H2/MVStore file so data survives a restart. It has no
 * multi-document transactions, which the services do not use; filters on {@code _id} use the {@code _id} index
 * ({@link IdFirstH2Backend}). The launcher runs it in a child JVM with a capped heap
 * ({@link MongoProcess}); a fault test runs it in its own JVM, the one part that is never killed.
 */
public final class FileBackedMongo implements AutoCloseable {

    /**
     * MVStore's page cache in MB. The store file holds the data; the cache only spares reads, and scans of a large
     * collection churn it anyway, so a small one keeps the heap predictable.
     */
    static final int CACHE_MB = 32;

    private final MongoServer server;
    private final int port;

    public FileBackedMongo(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        MVStore store = new MVStore.Builder().fileName(dataDir.resolve("mongo.mv").toString())
                .cacheSize(CACHE_MB).open();
        this.server = new MongoServer(new IdFirstH2Backend(store));
        this.port = port;
    }

    public void start() {
        server.bind("127.0.0.1", port);
    }

    public String uri(String database) {
        return uri(port, database);
    }

    static String uri(int port, String database) {
        return "mongodb://localhost:" + port + "/" + database;
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
