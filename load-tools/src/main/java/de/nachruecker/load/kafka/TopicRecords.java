package de.nachruecker.load.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Records written so far to each of the platform's topics (end offsets), the tool's own {@code bench.*} left out. */
public final class TopicRecords {

    private TopicRecords() {
    }

    public static Map<String, Long> read(String bootstrapServers) throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> topics = admin.listTopics().names().get().stream()
                    .filter(topic -> !topic.startsWith("bench.") && !topic.startsWith("__"))
                    .collect(Collectors.toSet());
            Map<TopicPartition, OffsetSpec> partitions = admin.describeTopics(topics).allTopicNames().get().values()
                    .stream().flatMap(topic -> topic.partitions().stream()
                            .map(partition -> new TopicPartition(topic.name(), partition.partition())))
                    .collect(Collectors.toMap(Function.identity(), ignored -> OffsetSpec.latest()));
            Map<String, Long> records = new TreeMap<>();
            admin.listOffsets(partitions).all().get().forEach((partition, offset) ->
                    records.merge(partition.topic(), offset.offset(), Long::sum));
            return records;
        }
    }
}
