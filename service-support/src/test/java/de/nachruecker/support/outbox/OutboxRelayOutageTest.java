package de.nachruecker.support.outbox;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

/** With the database gone, the relay logs one line per attempt and leaves the events to a later sweep. */
class OutboxRelayOutageTest {

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger relayLog = (Logger) LoggerFactory.getLogger(OutboxRelay.class);
    private final AtomicReference<Throwable> uncaught = new AtomicReference<>();
    private MongoClient client;
    private ThreadPoolTaskExecutor lane;
    private OutboxRelay relay;

    @BeforeEach
    void relayWithoutDatabase() {
        client = UnreachableMongo.client();
        lane = new ThreadPoolTaskExecutor();
        lane.setThreadFactory(runnable -> {
            Thread thread = new Thread(runnable, "outbox-lane-test");
            thread.setUncaughtExceptionHandler((t, e) -> uncaught.set(e));
            return thread;
        });
        // relays still queued at the end run before the client closes: once it is closed they would fail on a
        // thread without a handler, and Awaitility in a later test reports that as its own failure
        lane.setWaitForTasksToCompleteOnShutdown(true);
        lane.setAwaitTerminationSeconds(30);
        lane.initialize();
        relay = new OutboxRelay(new MongoTemplate(client, "outage"), null, List.of(lane), List.of("documents"),
                new SimpleMeterRegistry());
        logged.start();
        relayLog.addAppender(logged);
    }

    @AfterEach
    void close() {
        relayLog.detachAppender(logged);
        relay.destroy();
        client.close();
    }

    @Test
    void aSweepDuringAnOutageLogsOneLineInsteadOfFailing() {
        assertThatNoException().isThrownBy(relay::sweep);

        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getFormattedMessage()).startsWith("outbox sweep skipped, the database is not reachable");
            assertThat(event.getThrowableProxy()).isNull();
        });
    }

    @Test
    void aRelayAfterAWriteDuringAnOutageLeavesItsEventsToTheSweep() {
        relay.relayAsync("documents", "id-1");

        await().atMost(Duration.ofSeconds(10)).until(() -> !logged.list.isEmpty());
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getFormattedMessage())
                    .startsWith("relay of documents/id-1 left to the next sweep, the database is not reachable");
            assertThat(event.getThrowableProxy()).isNull();
        });
        assertThat(uncaught.get()).isNull();
    }
}
