package de.nachruecker.support.outbox;

import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A document waits on its lane at most once; a write after its relay started queues a new one. */
class OutboxRelayCoalescingTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private MongoClient client;
    private ThreadPoolTaskExecutor lane;
    private OutboxRelay relay;

    @BeforeEach
    void relayOnOneLane() {
        // no database: a relay that runs ends quickly with the outage warning, which is all these tests need
        client = UnreachableMongo.client();
        lane = new ThreadPoolTaskExecutor();
        // relays still queued at the end run before the client closes: once it is closed they would fail on a
        // thread without a handler, and Awaitility in a later test reports that as its own failure
        lane.setWaitForTasksToCompleteOnShutdown(true);
        lane.setAwaitTerminationSeconds(30);
        lane.initialize();
        relay = new OutboxRelay(new MongoTemplate(client, "coalescing"), null, List.of(lane), List.of("documents"),
                meters);
    }

    @AfterEach
    void close() {
        relay.destroy();
        client.close();
    }

    @Test
    void repeatedRelaysOfAWaitingDocumentAreQueuedOnce() throws InterruptedException {
        CountDownLatch busy = block(lane);

        relay.relayAsync("documents", "id-1");
        relay.relayAsync("documents", "id-1");
        relay.relayAsync("documents", "id-2");
        relay.relayAsync("documents", "id-1");

        assertThat(lane.getThreadPoolExecutor().getQueue()).hasSize(2);
        assertThat(relay.waiting()).isEqualTo(2);
        assertThat(meters.get("outbox.relays.waiting").gauge().value()).isEqualTo(2.0);
        busy.countDown();
    }

    @Test
    void aRelayAfterTheWaitingOneStartedIsQueuedAgain() throws InterruptedException {
        relay.relayAsync("documents", "id-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.waiting() == 0
                && lane.getThreadPoolExecutor().getCompletedTaskCount() == 1);

        CountDownLatch busy = block(lane);
        relay.relayAsync("documents", "id-1");

        assertThat(lane.getThreadPoolExecutor().getQueue()).hasSize(1);
        assertThat(relay.waiting()).isEqualTo(1);
        busy.countDown();
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
