package de.nachruecker.platform;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB-protocol server (mongo-java-server) in the launcher's JVM, stored in one H2/MVStore file so data survives
 * a restart. It has no multi-document transactions, which the services do not use. It runs in the JVM that owns
 * the platform (launcher or fault test), so it is the one part that is never killed.
 */
public final class FileBackedMongo implements AutoCloseable {

    private final MongoServer server;
    private final int port;

    public FileBackedMongo(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        this.server = new MongoServer(new H2Backend(dataDir.resolve("mongo.mv").toString()));
        this.port = port;
    }

    public void start() {
        server.bind("127.0.0.1", port);
    }

    public String uri(String database) {
        return "mongodb://localhost:" + port + "/" + database;
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
