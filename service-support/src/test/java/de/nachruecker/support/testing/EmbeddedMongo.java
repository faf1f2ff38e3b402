package de.nachruecker.support.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.InetSocketAddress;

/**
 * A MongoDB-protocol server for integration tests, one per test JVM, in memory. Use with
 * {@code @ExtendWith(EmbeddedMongo.class)} before the Spring extension: it sets {@code spring.mongodb.uri}, so every
 * (cached) application context of the run talks to the same server. Tests clean up the documents they own.
 */
public final class EmbeddedMongo implements BeforeAllCallback {

    private static MongoServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        System.setProperty("spring.mongodb.uri", uri("it"));
    }

    /** Starts the server on first use and returns a connection string for {@code database}. */
    public static synchronized String uri(String database) {
        if (server == null) {
            server = new MongoServer(new MemoryBackend());
            InetSocketAddress address = server.bind();
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "embedded-mongo-shutdown"));
            return "mongodb://127.0.0.1:" + address.getPort() + "/" + database;
        }
        return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort() + "/" + database;
    }
}
