package de.nachruecker.slot.testing;

import de.nachruecker.events.TopicDefinition;
import de.nachruecker.support.messaging.EventPublisher;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;

/**
 * Reads a topic from its end at creation. The outbox delivers at least once, so a redelivered event id is dropped, as
 * every consumer does.
 */
public final class TopicReader implements AutoCloseable {

    private final Consumer<String, byte[]> consumer;
    private final Set<String> seen = new HashSet<>();

    public TopicReader(EmbeddedKafkaBroker broker, TopicDefinition topic) {
        consumer = new DefaultKafkaConsumerFactory<>(
                KafkaTestUtils.consumerProps(broker, "slot-test-" + UUID.randomUUID(), false),
                new StringDeserializer(), new ByteArrayDeserializer()).createConsumer();
        List<TopicPartition> partitions = IntStream.range(0, topic.partitions())
                .mapToObj(p -> new TopicPartition(topic.name(), p)).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
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
