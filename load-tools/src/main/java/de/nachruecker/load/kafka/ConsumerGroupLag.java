package de.nachruecker.load.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Whether a service's consumer group has processed a topic to its end: the services commit an offset only after
 * the record's work is stored, so "caught up" means the pool (or the contact store) holds what was published.
 */
public final class ConsumerGroupLag implements AutoCloseable {

    private final Admin admin;

    public ConsumerGroupLag(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Records of {@code topic} the group has not committed yet (end offsets as of now). */
    public long lag(String group, String topic) throws InterruptedException {
        try {
            var partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = admin.listOffsets(partitions).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                lag += end.getValue() - (done == null ? 0 : done.offset());
            }
            return lag;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of " + group + " on " + topic, e.getCause());
        }
    }

    public void awaitCaughtUp(String group, String topic, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Instant nextReport = Instant.now().plusSeconds(10);
        long lag;
        while ((lag = lag(group, topic)) > 0) {
            if (Instant.now().isAfter(nextReport)) {
                System.out.println("[load-tools] " + group + ": " + lag + " records of " + topic + " to go");
                nextReport = Instant.now().plusSeconds(10);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(group + " is still " + lag + " records behind on " + topic
                        + " after " + timeout);
            }
            Thread.sleep(250);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
