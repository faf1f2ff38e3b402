package de.nachruecker.systemtest;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The platform's MongoDB-protocol server seen with the real driver: every database, every collection, every document.
 * Only what the services keep: the server's own databases are left out.
 */
final class PlatformStores implements AutoCloseable {

    private static final Set<String> SERVER_DATABASES = Set.of("admin", "local", "config");

    private final MongoClient client;

    PlatformStores(LocalPlatformProcess platform) {
        this.client = MongoClients.create(platform.mongoUri());
    }

    /** One stored document as JSON, and where it is. */
    record StoredDocument(String database, String collection, String json) {
    }

    List<String> databases() {
        List<String> names = new ArrayList<>();
        for (String name : client.listDatabaseNames()) {
            if (!SERVER_DATABASES.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    void forEachDocument(Consumer<StoredDocument> visitor) {
        for (String database : databases()) {
            MongoDatabase db = client.getDatabase(database);
            for (String collection : db.listCollectionNames()) {
                for (Document document : db.getCollection(collection).find()) {
                    visitor.accept(new StoredDocument(database, collection, document.toJson()));
                }
            }
        }
    }

    /** Documents per collection of one service's database, e.g. {@code registration-service}. */
    TreeMap<String, Long> counts(String database) {
        TreeMap<String, Long> counts = new TreeMap<>();
        MongoDatabase db = client.getDatabase(database);
        for (String collection : db.listCollectionNames()) {
            counts.put(collection, db.getCollection(collection).countDocuments());
        }
        return counts;
    }

    @Override
    public void close() {
        client.close();
    }
}
