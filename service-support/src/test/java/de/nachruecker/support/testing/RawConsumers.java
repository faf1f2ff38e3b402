package de.nachruecker.support.testing;

import de.nachruecker.events.TopicDefinition;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/** Test consumers of the records as they are on the wire: the key as text, the value as the event's bytes. */
public final class RawConsumers {

    private RawConsumers() {
    }

    /** A consumer in a group of its own (named {@code groupPrefix} and a random suffix), not committing offsets. */
    public static Consumer<String, byte[]> create(EmbeddedKafkaBroker broker, String groupPrefix,
                                                  Map<String, Object> settings) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, groupPrefix + UUID.randomUUID(), false);
        props.putAll(settings);
        return new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new ByteArrayDeserializer())
                .createConsumer();
    }

    /**
     * A consumer that reads these partitions from where they end now: only what is published after it was made. The
     * positions are pinned before returning (a seek is lazy), so nothing of the next moments is skipped.
     */
    public static Consumer<String, byte[]> fromTheEnd(EmbeddedKafkaBroker broker, String groupPrefix,
                                                      List<TopicPartition> partitions) {
        Consumer<String, byte[]> consumer = create(broker, groupPrefix, Map.of());
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    /** Every partition of the topic, as the platform creates it. */
    public static List<TopicPartition> partitionsOf(TopicDefinition topic) {
        return IntStream.range(0, topic.partitions()).mapToObj(p -> new TopicPartition(topic.name(), p)).toList();
    }
}
