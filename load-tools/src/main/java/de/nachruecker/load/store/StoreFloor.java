package de.nachruecker.load.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import org.bson.Document;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * The database server alone, on the platform's own server: single-document round trips of exactly the kinds the hot
 * path sends (insert, find by {@code _id}, update by {@code _id}, findAndModify on {@code {_id, claim: null}},
 * delete by {@code _id}), documents of about 300 bytes, from several client threads as the four services are. No
 * service code, no mapping: what the store can do, which the platform's operations per offer divide.
 */
public final class StoreFloor {

    /** The commands measured; every other command (aggregate, getMore, count …) is charged at {@code find}'s rate. */
    public static final String[] COMMANDS = {"insert", "find", "update", "findAndModify", "delete"};

    private final String mongoUri;
    private final int threads;
    private final int documents;

    public StoreFloor(String mongoUri, int threads, int documents) {
        this.mongoUri = mongoUri;
        this.threads = threads;
        this.documents = documents;
    }

    /** Operations per second of each command, on a scratch database that is dropped afterwards. */
    public Map<String, Double> measure() throws Exception {
        Map<String, Double> rates = new LinkedHashMap<>();
        try (MongoClient client = MongoClients.create(mongoUri)) {
            String database = "store-floor";
            MongoCollection<Document> docs = client.getDatabase(database).getCollection("docs");
            String padding = "x".repeat(240);
            rates.put("insert", run(i -> docs.insertOne(new Document("_id", "d-" + i).append("claim", null)
                    .append("status", "OPEN").append("padding", padding))));
            rates.put("find", run(i -> docs.find(new Document("_id", "d-" + i)).first()));
            rates.put("update", run(i -> docs.updateOne(new Document("_id", "d-" + i),
                    new Document("$set", new Document("status", "SENT")))));
            rates.put("findAndModify", run(i -> docs.findOneAndUpdate(
                    new Document("_id", "d-" + i).append("claim", null),
                    new Document("$set", new Document("claim", "c-" + i)),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))));
            rates.put("delete", run(i -> docs.deleteOne(new Document("_id", "d-" + i))));
            client.getDatabase(database).drop();
        }
        return rates;
    }

    /** {@code documents} operations, one per document index, spread over the threads; operations per second. */
    private double run(IntConsumer operation) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long started = System.nanoTime();
            Future<?>[] done = new Future<?>[threads];
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done[t] = pool.submit(() -> {
                    for (int i = thread; i < documents; i += threads) {
                        operation.accept(i);
                    }
                });
            }
            for (Future<?> future : done) {
                future.get(10, TimeUnit.MINUTES);
            }
            return documents / ((System.nanoTime() - started) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Offers per second the store alone could serve at {@code perOffer} commands per offer: the time each command
     * takes at its measured rate, summed over an offer's commands.
     */
    public static double offersPerSecond(Map<String, Double> commandsPerOffer, Map<String, Double> rates) {
        double seconds = 0;
        for (Map.Entry<String, Double> entry : commandsPerOffer.entrySet()) {
            double rate = rates.getOrDefault(entry.getKey(), rates.get("find"));
            seconds += entry.getValue() / rate;
        }
        return 1 / seconds;
    }
}
