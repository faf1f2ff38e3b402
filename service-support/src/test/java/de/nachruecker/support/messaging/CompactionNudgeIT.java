package de.nachruecker.support.messaging;

import de.nachruecker.events.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every partition of every compacted topic gets a nudge tombstone, so that its active segment can roll. */
@SpringJUnitConfig
@EmbeddedKafka(partitions = 3, topics = {"candidates", "candidate-contacts", "offers"})
class CompactionNudgeIT {

    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void appendsATombstoneUnderTheNudgeKeyToEveryPartitionOfTheCompactedTopicsOnly() {
        Map<String, Object> producerProps = KafkaTestUtils.producerProps(broker);
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        DefaultKafkaProducerFactory<Object, Object> producers = new DefaultKafkaProducerFactory<>(producerProps);
        new CompactionNudge(new KafkaTemplate<>(producers)).nudge();
        producers.destroy();

        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "nudge-check", false);
        try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new StringDeserializer()).createConsumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of("candidates", "candidate-contacts", "offers")) {
                for (int partition = 0; partition < 3; partition++) {
                    partitions.add(new TopicPartition(topic, partition));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            KafkaTestUtils.getRecords(consumer, Duration.ofSeconds(10), 6).forEach(records::add);

            assertThat(records).allSatisfy(record -> {
                assertThat(record.key()).isEqualTo(Topics.COMPACTION_NUDGE_KEY);
                assertThat(record.value()).isNull();
            });
            assertThat(records).extracting(record -> record.topic() + "-" + record.partition())
                    .containsExactlyInAnyOrder("candidates-0", "candidates-1", "candidates-2",
                            "candidate-contacts-0", "candidate-contacts-1", "candidate-contacts-2");
        }
    }
}
