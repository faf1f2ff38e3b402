package de.nachruecker.support.outbox;

import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.nachruecker.support.messaging.EventPublisher;
import de.nachruecker.support.testing.EmbeddedMongo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A lane relays every document waiting on it with one read and one bulk write, each document's events in order. */
class OutboxRelayBatchTest {

    private static final String COLLECTION = "things";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Map<String, Integer> commands = new ConcurrentHashMap<>();
    private final List<String> sent = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private MongoClient client;
    private MongoTemplate mongo;
    private ThreadPoolTaskExecutor lane;
    private OutboxRelay relay;

    @BeforeEach
    void relayOnOneLane() {
        String database = "batch-" + UUID.randomUUID();
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(EmbeddedMongo.uri(database)))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        commands.merge(event.getCommandName(), 1, Integer::sum);
                    }
                }).build());
        mongo = new MongoTemplate(client, database);
        lane = new ThreadPoolTaskExecutor();
        lane.setWaitForTasksToCompleteOnShutdown(true);
        lane.setAwaitTerminationSeconds(30);
        lane.initialize();
        // records what the producer was handed, in order, and fails the events named in failing
        EventPublisher publisher = new EventPublisher(null, null) {
            @Override
            public CompletableFuture<?> sendAsync(String topic, String key, String eventId, String type,
                                                  byte[] payload, String correlationId) {
                if (failing.contains(eventId)) {
                    return CompletableFuture.failedFuture(new IllegalStateException("broker said no"));
                }
                sent.add(eventId);
                return CompletableFuture.completedFuture(null);
            }
        };
        relay = new OutboxRelay(mongo, publisher, List.of(lane), List.of(COLLECTION), meters);
    }

    @AfterEach
    void close() {
        relay.destroy();
        client.close();
    }

    @Test
    void documentsWaitingTogetherAreReadOnceAndClearedWithOneBulkWrite() throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            mongo.insert(thing("t-" + i, "t-" + i + "-a", "t-" + i + "-b"), COLLECTION);
        }
        CountDownLatch busy = block(lane);
        for (int i = 0; i < 50; i++) {
            relay.relayAsync(COLLECTION, "t-" + i);
        }
        commands.clear();
        busy.countDown();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> meters.get("outbox.events.published").counter().count() == 100);
        assertThat(commands).as("one read of all 50 outboxes, one bulk write removing what was sent")
                .isEqualTo(Map.of("find", 1, "update", 1));
        for (int i = 0; i < 50; i++) {
            assertThat(outboxOf("t-" + i)).isEmpty();
        }
        for (int i = 0; i < 50; i++) {
            assertThat(sent.indexOf("t-" + i + "-a")).isLessThan(sent.indexOf("t-" + i + "-b")).isNotNegative();
        }
    }

    @Test
    void eventsHandedOverWithTheirWriteArePublishedWithoutReadingTheOutboxes() throws InterruptedException {
        Map<Object, List<PendingEvent>> written = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            mongo.insert(thing("t-" + i, "t-" + i + "-a"), COLLECTION);
            written.put("t-" + i, List.of(event("t-" + i, "t-" + i + "-a")));
        }
        CountDownLatch busy = block(lane);
        relay.relayWrittenAsync(COLLECTION, written);
        commands.clear();
        busy.countDown();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> meters.get("outbox.events.published").counter().count() == 50);
        assertThat(commands).as("no read, one bulk write removing what was sent").isEqualTo(Map.of("update", 1));
        for (int i = 0; i < 50; i++) {
            assertThat(outboxOf("t-" + i)).isEmpty();
        }
    }

    @Test
    void aDocumentAlreadyWaitingIsReadSoEventsOfItsEarlierWriteAreNotLeftBehind() throws InterruptedException {
        mongo.insert(thing("t-1", "e-1", "e-2"), COLLECTION);
        CountDownLatch busy = block(lane);
        relay.relayAsync(COLLECTION, "t-1");
        relay.relayWrittenAsync(COLLECTION, Map.of("t-1", List.of(event("t-1", "e-2"))));
        busy.countDown();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> meters.get("outbox.events.published").counter().count() == 2);
        assertThat(sent).containsExactly("e-1", "e-2");
        assertThat(outboxOf("t-1")).isEmpty();
    }

    @Test
    void aFailedEventStopsItsDocumentThereAndKeepsWhatFollowsForTheNextRelay() {
        mongo.insert(thing("t-1", "e-1", "e-2", "e-3"), COLLECTION);
        mongo.insert(thing("t-2", "f-1"), COLLECTION);
        failing.add("e-2");

        relay.relay(COLLECTION, "t-1");
        relay.relay(COLLECTION, "t-2");

        assertThat(sent).containsExactly("e-1", "f-1");
        assertThat(outboxOf("t-1")).containsExactly("e-2", "e-3");
        assertThat(outboxOf("t-2")).isEmpty();

        failing.clear();
        relay.relay(COLLECTION, "t-1");

        assertThat(sent).containsExactly("e-1", "f-1", "e-2", "e-3");
        assertThat(outboxOf("t-1")).isEmpty();
    }

    private List<String> outboxOf(String id) {
        Document document = mongo.findById(id, Document.class, COLLECTION);
        return document.getList("outbox", Document.class).stream().map(event -> event.getString("eventId"))
                .toList();
    }

    private static Document thing(String id, String... eventIds) {
        List<Document> outbox = new ArrayList<>();
        for (String eventId : eventIds) {
            outbox.add(new Document("eventId", eventId).append("topic", "candidates").append("key", id)
                    .append("type", "Test.v1").append("payload", new byte[] {1}).append("createdAt",
                            java.util.Date.from(Instant.parse("2021-06-10T08:00:00Z"))));
        }
        return new Document("_id", id).append("outbox", outbox);
    }

    private static PendingEvent event(String id, String eventId) {
        return new PendingEvent(eventId, "candidates", id, "Test.v1", new byte[] {1},
                Instant.parse("2021-06-10T08:00:00Z"), null);
    }

    /** Occupies the lane's one thread until the returned latch is counted down. */
    private static CountDownLatch block(ThreadPoolTaskExecutor lane) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        lane.execute(() -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        started.await();
        return release;
    }
}
