package de.nachruecker.allocation.ops.application;

import de.nachruecker.allocation.ops.application.EventFlowSource.BrokerUnavailableException;
import de.nachruecker.events.TopicDefinition;
import de.nachruecker.events.Topics;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Are events flowing, is any consumer lagging: per platform topic the end offset (events ever written) and the rate
 * over the last sample interval; per consumer group and topic the lag (end offset minus committed offset). Samples
 * are per instance and start with the instance, so the rate shows once two samples exist.
 */
@Service
public class WatchingEventFlow {

    private static final Logger log = LoggerFactory.getLogger(WatchingEventFlow.class);
    private static final List<String> TOPICS = Topics.all().stream().map(TopicDefinition::name).toList();
    private static final Set<String> TOPIC_SET = Set.copyOf(TOPICS);

    public record TopicFlow(String topic, long endOffset, Double perMinute) {
    }

    public record ConsumerLag(String group, String topic, long lag) {
    }

    /** @param problem why the broker could not be read ({@code null} when {@code available}) */
    public record EventFlow(boolean available, String problem, List<TopicFlow> topics, List<ConsumerLag> lags) {
    }

    private record Sample(long nanos, Map<String, Long> endOffsets) {
    }

    private final EventFlowSource reader;
    private volatile Sample previous;
    private volatile Sample latest;

    public WatchingEventFlow(EventFlowSource reader) {
        this.reader = reader;
    }

    @Scheduled(fixedDelayString = "${nachruecker.allocation.flow-sample-interval:30s}")
    public void sample() {
        try {
            Sample next = new Sample(System.nanoTime(), perTopic(reader.endOffsets(TOPICS)));
            previous = latest;
            latest = next;
        } catch (BrokerUnavailableException e) {
            log.warn("event flow sample skipped: {}", e.getMessage());
        }
    }

    public EventFlow now() {
        try {
            Map<TopicPartition, Long> ends = reader.endOffsets(TOPICS);
            Map<String, Long> perTopic = perTopic(ends);
            List<TopicFlow> topics = TOPICS.stream()
                    .map(topic -> new TopicFlow(topic, perTopic.getOrDefault(topic, 0L), perMinute(topic)))
                    .toList();
            return new EventFlow(true, null, topics, lags(ends, reader.committedOffsets()));
        } catch (BrokerUnavailableException e) {
            return new EventFlow(false, e.getMessage(), List.of(), List.of());
        }
    }

    private Double perMinute(String topic) {
        Sample older = previous;
        Sample newer = latest;
        if (older == null || newer == null || newer.nanos() == older.nanos()) {
            return null;
        }
        double minutes = (newer.nanos() - older.nanos()) / 60e9;
        return (newer.endOffsets().getOrDefault(topic, 0L) - older.endOffsets().getOrDefault(topic, 0L)) / minutes;
    }

    /** Largest lag first, so that a lagging consumer is at the top. */
    private static List<ConsumerLag> lags(Map<TopicPartition, Long> ends,
                                          Map<String, Map<TopicPartition, Long>> committedByGroup) {
        return committedByGroup.entrySet().stream()
                .flatMap(group -> {
                    Map<String, Long> lagPerTopic = new TreeMap<>();
                    group.getValue().forEach((partition, committed) -> {
                        Long end = ends.get(partition);
                        if (end != null && TOPIC_SET.contains(partition.topic())) {
                            lagPerTopic.merge(partition.topic(), Math.max(0, end - committed), Long::sum);
                        }
                    });
                    return lagPerTopic.entrySet().stream()
                            .map(topic -> new ConsumerLag(group.getKey(), topic.getKey(), topic.getValue()));
                })
                .sorted(Comparator.comparingLong(ConsumerLag::lag).reversed()
                        .thenComparing(ConsumerLag::group).thenComparing(ConsumerLag::topic))
                .toList();
    }

    private static Map<String, Long> perTopic(Map<TopicPartition, Long> ends) {
        Map<String, Long> sums = new HashMap<>();
        ends.forEach((partition, end) -> sums.merge(partition.topic(), end, Long::sum));
        return sums;
    }
}
