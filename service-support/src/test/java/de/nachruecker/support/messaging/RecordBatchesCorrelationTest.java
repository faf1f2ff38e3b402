package de.nachruecker.support.messaging;

import de.nachruecker.events.EventCodec;
import de.nachruecker.events.release.AppointmentWindow;
import de.nachruecker.events.release.DosesReleased;
import de.nachruecker.events.release.ReleaseEvent;
import de.nachruecker.support.correlation.CorrelationId;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.kafka.support.converter.BatchMessagingMessageConverter;
import org.springframework.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch consumer learns each record's correlation id from the batch message as Spring Kafka's batch converter
 * builds it, with or without a header mapper, so that the work for one record carries that record's id.
 */
class RecordBatchesCorrelationTest {

    private final EventCodec codec = new EventCodec();
    private final RecordBatches batches = new RecordBatches(codec, null, null);

    @Test
    void eachEventComesWithItsRecordsCorrelationIdFromTheConvertedHeaders() {
        Message<?> batch = new BatchMessagingMessageConverter().toMessage(records(), null, null, null);

        assertThat(batches.received(asBatch(batch), ReleaseEvent.class))
                .extracting(RecordBatches.Received::correlationId)
                .containsExactly("release-a", null, "release-c");
    }

    @Test
    void eachEventComesWithItsRecordsCorrelationIdFromTheRawHeaders() {
        BatchMessagingMessageConverter withoutMapper = new BatchMessagingMessageConverter();
        withoutMapper.setHeaderMapper(null);
        Message<?> batch = withoutMapper.toMessage(records(), null, null, null);

        assertThat(batches.received(asBatch(batch), ReleaseEvent.class))
                .extracting(RecordBatches.Received::correlationId)
                .containsExactly("release-a", null, "release-c");
    }

    @Test
    void aRecordsScopeMakesItsIdCurrentAndRestoresTheBatchesAfterwards() {
        Message<?> batch = new BatchMessagingMessageConverter().toMessage(records(), null, null, null);
        List<RecordBatches.Received<ReleaseEvent>> received = batches.received(asBatch(batch), ReleaseEvent.class);

        try (CorrelationId.Scope batchScope = CorrelationId.open("the-batch")) {
            List<String> seen = new ArrayList<>();
            for (RecordBatches.Received<ReleaseEvent> each : received) {
                try (CorrelationId.Scope scope = each.open()) {
                    assertThat(CorrelationId.currentOrNew()).isEqualTo(scope.id());
                    seen.add(scope.id());
                }
                assertThat(MDC.get(CorrelationId.MDC_KEY)).isEqualTo(batchScope.id());
            }
            assertThat(seen.get(0)).isEqualTo("release-a");
            assertThat(seen.get(1)).as("a record without an id gets a new one, not the batch's")
                    .isNotIn("the-batch", "release-a", "release-c");
            assertThat(seen.get(2)).isEqualTo("release-c");
        }
    }

    @SuppressWarnings("unchecked")
    private static Message<? extends List<?>> asBatch(Message<?> message) {
        return (Message<? extends List<?>>) message;
    }

    private List<ConsumerRecord<?, ?>> records() {
        return List.of(record(0, "release-a"), record(1, null), record(2, "release-c"));
    }

    private ConsumerRecord<byte[], byte[]> record(long offset, String correlationId) {
        RecordHeaders headers = new RecordHeaders();
        if (correlationId != null) {
            headers.add(CorrelationId.KAFKA_HEADER, correlationId.getBytes(StandardCharsets.UTF_8));
        }
        String releaseId = UUID.randomUUID().toString();
        byte[] value = codec.encode(new DosesReleased(UUID.randomUUID(), Instant.parse("2021-05-03T10:00:00Z"),
                releaseId, "fulda", "Comirnaty", 1, new AppointmentWindow(Instant.parse("2021-05-03T12:00:00Z"),
                Instant.parse("2021-05-03T14:00:00Z")), Instant.parse("2021-05-03T15:00:00Z")));
        return new ConsumerRecord<>("dose-releases", 0, offset, 0L, TimestampType.CREATE_TIME, 0, value.length,
                releaseId.getBytes(StandardCharsets.UTF_8), value, headers, Optional.empty());
    }
}
