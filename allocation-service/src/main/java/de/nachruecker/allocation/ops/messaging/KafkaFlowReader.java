package de.nachruecker.allocation.ops.messaging;

import de.nachruecker.allocation.ops.application.EventFlowSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Reads the broker's view of the event flow with the Kafka admin client: end offsets and consumer group positions. */
@Component
public class KafkaFlowReader implements EventFlowSource, DisposableBean {

    private static final long TIMEOUT_SECONDS = 5;

    private final Admin admin;

    public KafkaFlowReader(KafkaAdmin kafkaAdmin) {
        this.admin = Admin.create(kafkaAdmin.getConfigurationProperties());
    }

    @Override
    public Map<TopicPartition, Long> endOffsets(Collection<String> topics) throws BrokerUnavailableException {
        Map<String, TopicDescription> described = await(admin.describeTopics(topics).allTopicNames());
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        described.values().forEach(topic -> topic.partitions().forEach(partition ->
                latest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        await(admin.listOffsets(latest).all()).forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    @Override
    public Map<String, Map<TopicPartition, Long>> committedOffsets() throws BrokerUnavailableException {
        Map<String, Map<TopicPartition, Long>> byGroup = new HashMap<>();
        for (GroupListing group : await(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all())) {
            Map<TopicPartition, OffsetAndMetadata> committed = await(
                    admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata());
            Map<TopicPartition, Long> offsets = new HashMap<>();
            committed.forEach((partition, offset) -> {
                if (offset != null) {
                    offsets.put(partition, offset.offset());
                }
            });
            byGroup.put(group.groupId(), offsets);
        }
        return byGroup;
    }

    @Override
    public void destroy() {
        admin.close();
    }

    private static <T> T await(KafkaFuture<T> future) throws BrokerUnavailableException {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new BrokerUnavailableException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException(e);
        }
    }
}
