package de.nachruecker.events;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps docs/topics.md, the one topic table, equal to {@link Topics}: names, keys, partitions, compaction. */
class TopicTableTest {

    private static final Path TABLE = Path.of("..", "docs", "topics.md");

    @Test
    void theTableListsEveryTopicWithItsKeyAndPartitionsAndNothingElse() throws IOException {
        Map<String, List<String>> rows = Files.readAllLines(TABLE).stream()
                .filter(line -> line.startsWith("| `") && !line.startsWith("| `<topic>"))
                .map(line -> List.of(line.split("\\|")).stream().skip(1).map(String::strip).toList())
                .collect(Collectors.toMap(cells -> cells.get(0).replace("`", ""), Function.identity()));

        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(
                Topics.eventTopics().stream().map(TopicDefinition::name).toList());
        for (TopicDefinition topic : Topics.eventTopics()) {
            List<String> row = rows.get(topic.name());
            assertThat(row.get(1)).as("key of " + topic.name()).isEqualTo(topic.partitionKey());
            assertThat(row.get(2)).as("partitions of " + topic.name())
                    .isEqualTo(topic.partitions() + (topic.compacted() ? ", compacted" : ""));
        }
    }
}
