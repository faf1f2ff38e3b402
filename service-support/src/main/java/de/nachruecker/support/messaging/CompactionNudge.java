package de.nachruecker.support.messaging;

import de.nachruecker.events.TopicDefinition;
import de.nachruecker.events.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Kafka rolls a segment only when a record is appended, and never compacts the active one: a partition that receives
 * nothing after a withdrawal would keep the person's (sealed) older records indefinitely. So the producer of the
 * compacted topics appends, every {@code nachruecker.topics.compaction-lag}, a tombstone under
 * {@link Topics#COMPACTION_NUDGE_KEY} (no candidate has it) to every partition of each: the active segment, older than
 * the lag by then, rolls, and the cleaner removes what the tombstones of withdrawn people cover. The nudges compact
 * themselves (one key per partition) and consumers ignore them.
 */
public class CompactionNudge {

    private static final Logger log = LoggerFactory.getLogger(CompactionNudge.class);

    private final KafkaTemplate<Object, Object> kafka;

    public CompactionNudge(KafkaTemplate<Object, Object> kafka) {
        this.kafka = kafka;
    }

    @Scheduled(fixedDelayString = "${nachruecker.topics.compaction-lag:1h}",
            initialDelayString = "${nachruecker.topics.compaction-lag:1h}")
    public void nudge() {
        try {
            for (TopicDefinition topic : Topics.eventTopics()) {
                if (topic.compacted()) {
                    nudge(topic.name());
                }
            }
        } catch (RuntimeException | InterruptedException | ExecutionException | TimeoutException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // the next run tries again; until then compaction waits for ordinary traffic
            log.warn("could not nudge the compacted topics: {}", e.toString());
        }
    }

    private void nudge(String topic) throws InterruptedException, ExecutionException, TimeoutException {
        List<PartitionInfo> partitions = kafka.partitionsFor(topic);
        for (PartitionInfo partition : partitions) {
            kafka.send(new ProducerRecord<>(topic, partition.partition(), Topics.COMPACTION_NUDGE_KEY, null))
                    .get(10, TimeUnit.SECONDS);
        }
    }
}
