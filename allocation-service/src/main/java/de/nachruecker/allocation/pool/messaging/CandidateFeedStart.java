package de.nachruecker.allocation.pool.messaging;

import de.nachruecker.allocation.pool.application.KeepingCandidatePool;
import de.nachruecker.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Closes the gap between rebuilding the in-memory index from MongoDB and following the candidate topic: before the
 * rebuild it reads the offsets the grouped consumer has committed (everything before them is in MongoDB, because
 * offsets are committed after the write), and the anonymous index feed starts there instead of at the end of the
 * topic. Events between those offsets and the rebuild are applied twice, which full-profile events make harmless.
 */
@Component
public class CandidateFeedStart implements SmartInitializingSingleton, KafkaBindingRebalanceListener {

    static final String FEED_BINDING = "candidatePoolFeed-in-0";
    private static final Logger log = LoggerFactory.getLogger(CandidateFeedStart.class);

    private final KafkaAdmin admin;
    private final KeepingCandidatePool pool;
    private final String group;
    private volatile Map<TopicPartition, Long> startOffsets = Map.of();

    public CandidateFeedStart(KafkaAdmin admin, KeepingCandidatePool pool,
                              @Value("${spring.cloud.stream.bindings.candidateEvents-in-0.group}") String group) {
        this.admin = admin;
        this.pool = pool;
        this.group = group;
    }

    /** Runs before the bindings start: offsets first, then the rebuild. */
    @Override
    public void afterSingletonsInstantiated() {
        startOffsets = committedOffsets();
        pool.rebuildIndex();
    }

    @Override
    public void onPartitionsAssigned(String bindingName, Consumer<?, ?> consumer,
                                     Collection<TopicPartition> partitions, boolean initial) {
        if (!initial || !FEED_BINDING.equals(bindingName)) {
            return;
        }
        for (TopicPartition partition : partitions) {
            Long offset = startOffsets.get(partition);
            if (offset == null) {
                // nothing committed yet: the grouped consumer starts at the beginning as well
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, offset);
            }
        }
        log.info("candidate index feed starts at the committed offsets of group {}: {}", group, startOffsets);
    }

    private Map<TopicPartition, Long> committedOffsets() {
        try (Admin client = Admin.create(admin.getConfigurationProperties())) {
            Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            return committed.entrySet().stream()
                    .filter(entry -> entry.getKey().topic().equals(Topics.CANDIDATES.name()) && entry.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
        } catch (ExecutionException | TimeoutException e) {
            log.warn("committed offsets of group {} unreadable ({}); the index feed starts at the beginning", group,
                    e.toString());
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the committed offsets of " + group, e);
        }
    }
}
