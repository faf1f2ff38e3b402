package de.nachruecker.platform;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * notification-service's due-deliveries find ({@code $or} of PENDING and due, SENDING and lease over; sorted by
 * priority and due time; limit 100) over a backlog of due deliveries, answered in the index's order and, for
 * comparison, the way it was answered before: every PENDING and SENDING position from the index, then the server's
 * sort (forced here by a trailing {@code _id} in the sort, which the ordered read does not take). A tool, not a test:
 * only with {@code -Ddue.benchmark=true -Dit.test=DueScanBenchmarkIT}; {@code -Ddue.benchmark.documents=20000,50000}
 * sets the backlogs. Run it alone (it measures time).
 */
@EnabledIfSystemProperty(named = "due.benchmark", matches = "true")
class DueScanBenchmarkIT {

    private static final String SIZES = System.getProperty("due.benchmark.documents", "20000,50000");
    private static final int RUNS = 21;
    private static final int WARM_UP = 40;
    private static final long NOW = 1_800_000_000_000L;

    @Test
    void dueFindInIndexOrderAndSortedAfterwards() {
        List<String> rows = new ArrayList<>();
        for (String size : SIZES.split(",")) {
            int documents = Integer.parseInt(size.trim());
            MongoServer server = new MongoServer(new IdFirstH2Backend(new MVStore.Builder().open()));
            InetSocketAddress address = server.bind();
            try (MongoClient client = MongoClients.create("mongodb://localhost:" + address.getPort())) {
                MongoCollection<Document> deliveries = client.getDatabase("bench").getCollection("deliveries");
                deliveries.createIndex(new Document("state", 1).append("priority", 1).append("nextAttemptAt", 1));
                Random random = new Random(17);
                List<Document> batch = new ArrayList<>();
                for (int i = 0; i < documents; i++) {
                    batch.add(delivery(i, random));
                    if (batch.size() == 1_000) {
                        deliveries.insertMany(batch);
                        batch.clear();
                    }
                }
                Document due = new Document("$or", List.of(
                        new Document("state", "PENDING").append("nextAttemptAt", new Document("$lte", new Date(NOW))),
                        new Document("state", "SENDING").append("leaseUntil", new Document("$lte", new Date(NOW)))));
                Document inOrder = new Document("priority", 1).append("nextAttemptAt", 1);
                Document sortedAfterwards = new Document(inOrder).append("_id", 1);

                assertThat(ids(deliveries, due, inOrder)).isEqualTo(ids(deliveries, due, sortedAfterwards));
                long ordered = median(deliveries, due, inOrder);
                long sorted = median(deliveries, due, sortedAfterwards);
                rows.add(String.format("| %,d | %.2f ms | %.1f ms |", documents, ordered / 1e6, sorted / 1e6));
            } finally {
                server.shutdownNow();
            }
        }
        System.out.printf("%ndue-deliveries find, limit 100, median of %d through the driver after %d to warm up%n"
                + "| due deliveries | in index order | all read and sorted (before) |%n|---|---|---|%n%s%n", RUNS,
                WARM_UP, String.join("\n", rows));
    }

    /** Due (PENDING, 5 % SENDING with an ended lease), two priorities, due times over the last hour, ~250 B. */
    private static Document delivery(int i, Random random) {
        boolean sending = random.nextInt(20) == 0;
        Document delivery = new Document("_id", String.format("n-%07d", i))
                .append("state", sending ? "SENDING" : "PENDING")
                .append("priority", random.nextInt(10) < 3 ? 0 : 1)
                .append("template", random.nextBoolean() ? "OFFER" : "REMINDER")
                .append("recipient", "+4915" + (10_000_000 + random.nextInt(90_000_000)))
                .append("text", "Ihr Impftermin: bitte bis 18:00 bestätigen, Code " + random.nextInt(1_000_000))
                .append("attempts", 0)
                .append("nextAttemptAt", new Date(NOW - random.nextInt(3_600_000)));
        if (sending) {
            delivery.append("leaseUntil", new Date(NOW - random.nextInt(60_000)));
        }
        return delivery;
    }

    private static List<Object> ids(MongoCollection<Document> deliveries, Document filter, Document sort) {
        List<Object> ids = new ArrayList<>();
        deliveries.find(filter).sort(sort).limit(100).projection(new Document("_id", 1))
                .forEach(document -> ids.add(document.get("_id")));
        return ids;
    }

    private static long median(MongoCollection<Document> deliveries, Document filter, Document sort) {
        long[] times = new long[RUNS];
        for (int run = -WARM_UP; run < RUNS; run++) {
            long start = System.nanoTime();
            deliveries.find(filter).sort(sort).limit(100)
                    .projection(new Document("template", 1).append("nextAttemptAt", 1).append("leaseUntil", 1))
                    .into(new ArrayList<>());
            if (run >= 0) {
                times[run] = System.nanoTime() - start;
            }
        }
        Arrays.sort(times);
        return times[RUNS / 2];
    }
}
