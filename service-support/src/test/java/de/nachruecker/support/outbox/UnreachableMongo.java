package de.nachruecker.support.outbox;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** A client of a database that is not there: every operation fails fast as an outage does. */
final class UnreachableMongo {

    private UnreachableMongo() {
    }

    static MongoClient client() {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return MongoClients.create("mongodb://127.0.0.1:" + closedPort + "/?serverSelectionTimeoutMS=100");
    }
}
