package de.nachruecker.slot.testing;

import de.nachruecker.events.TopicDefinition;
import de.nachruecker.support.messaging.EventPublisher;
import de.nachruecker.support.testing.RawConsumers;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.awaitility.Awaitility.await;

/**
 * Reads a topic from its end at creation. The outbox delivers at least once, so a redelivered event id is dropped, as
 * every consumer does.
 */
public final class TopicReader implements AutoCloseable {

    private final Consumer<String, byte[]> consumer;
    private final Set<String> seen = new HashSet<>();

    public TopicReader(EmbeddedKafkaBroker broker, TopicDefinition topic) {
        consumer = RawConsumers.fromTheEnd(broker, "slot-test-", RawConsumers.partitionsOf(topic));
    }

    /** Waits (bounded) until {@code count} distinct events arrived and returns them. */
    public List<ConsumerRecord<String, byte[]>> until(int count) {
        List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            poll(received);
            return received.size() >= count;
        });
        return received;
    }

    private void poll(List<ConsumerRecord<String, byte[]>> received) {
        consumer.poll(Duration.ofMillis(100)).forEach(record -> {
            if (seen.add(new String(record.headers().lastHeader(EventPublisher.EVENT_ID_HEADER).value(),
                    StandardCharsets.UTF_8))) {
                received.add(record);
            }
        });
    }

    @Override
    public void close() {
        consumer.close();
    }
}
