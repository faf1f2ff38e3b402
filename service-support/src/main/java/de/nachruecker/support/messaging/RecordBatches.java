package de.nachruecker.support.messaging;

import de.nachruecker.events.EventCodec;
import de.nachruecker.support.correlation.CorrelationId;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.cloud.stream.binder.kafka.utils.DlqDestinationResolver;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * What a consumer in batch mode (a poll at a time, {@code batch-mode: true} with {@code use-native-decoding: true}:
 * the records as the broker has them) needs that the binder does per record only.
 *
 * <p>The binder, in batch mode, neither retries nor dead-letters single records: a batch that throws goes to the dead
 * letters whole, good records with it. So {@link #decode} sends a record that does not decode to
 * {@code <topic>.dead-letters} itself (named and counted by the platform's {@link DlqDestinationResolver}, with the
 * headers the binder would add) and returns the others; {@link #storeRetrying} tries a store that does not answer
 * {@value #ATTEMPTS} times, as the binder's retries per record, before the batch is given up to the dead letters (so
 * what it stores must be idempotent: a batch replayed from there must change nothing twice).
 */
public class RecordBatches {

    private static final Logger log = LoggerFactory.getLogger(RecordBatches.class);
    public static final int ATTEMPTS = 3;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration DEAD_LETTER_TIMEOUT = Duration.ofSeconds(20);

    private final EventCodec codec;
    private final EventPublisher publisher;
    private final DlqDestinationResolver deadLetters;

    public RecordBatches(EventCodec codec, EventPublisher publisher, DlqDestinationResolver deadLetters) {
        this.codec = codec;
        this.publisher = publisher;
        this.deadLetters = deadLetters;
    }

    /** The batch's records decoded as {@code type}, in their order; those that do not decode are dead-lettered. */
    public <T> List<T> decode(Message<? extends List<?>> batch, Class<T> type) {
        return decode(batch, type, null, true);
    }

    /**
     * The batch's events decoded as {@code type}, in their order.
     *
     * @param tombstones    given the key of each tombstone (a record without a value) on a compacted topic; if
     *                      {@code null}, a tombstone is malformed like any record that does not decode
     * @param deadLettering whether a record that does not decode goes to the dead letters (a consumer without a
     *                      group has none: it logs and skips it, the grouped consumer of the topic reports it)
     */
    public <T> List<T> decode(Message<? extends List<?>> batch, Class<T> type, Consumer<String> tombstones,
                              boolean deadLettering) {
        return received(batch, type, tombstones, deadLettering).stream().map(Received::event).toList();
    }

    /**
     * An event of a batch with the correlation id its record carried ({@code null} if none). In batch mode the
     * consumer runs once for the whole poll, under a correlation id of its own; work done for one record (its log
     * lines, the events it causes) belongs to that record's work: {@link #open()} around it.
     */
    public record Received<T>(T event, String correlationId) {

        /** Makes the record's correlation id current until the scope is closed (a new one if it carried none). */
        public CorrelationId.Scope open() {
            return CorrelationId.open(correlationId);
        }
    }

    /** As {@link #decode(Message, Class)}, each event with its record's correlation id. */
    public <T> List<Received<T>> received(Message<? extends List<?>> batch, Class<T> type) {
        return received(batch, type, null, true);
    }

    /** As {@link #decode(Message, Class, Consumer, boolean)}, each event with its record's correlation id. */
    public <T> List<Received<T>> received(Message<? extends List<?>> batch, Class<T> type,
                                          Consumer<String> tombstones, boolean deadLettering) {
        List<?> payloads = batch.getPayload();
        List<Received<T>> events = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            Object payload = payloads.get(i);
            if (!(payload instanceof byte[]) && tombstones != null) {
                byte[] key = bytes(header(batch, KafkaHeaders.RECEIVED_KEY, i));
                if (key != null) {
                    tombstones.accept(new String(key, StandardCharsets.UTF_8));
                }
                continue;
            }
            try {
                if (!(payload instanceof byte[] bytes)) {
                    throw new IllegalArgumentException("a record without a value");
                }
                events.add(new Received<>(codec.decode(bytes, type),
                        correlationId(batch, i)));
            } catch (RuntimeException malformed) {
                if (deadLettering) {
                    deadLetter(batch, i, malformed);
                } else {
                    log.warn("a record on {} (offset {}) does not decode, skipped: {}",
                            header(batch, KafkaHeaders.RECEIVED_TOPIC, i), header(batch, KafkaHeaders.OFFSET, i),
                            malformed.getMessage());
                }
            }
        }
        return events;
    }

    /** Runs {@code store}, again after a back-off while the database does not answer, at most {@value #ATTEMPTS} times. */
    public void storeRetrying(String what, Runnable store) {
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            try {
                store.run();
                return;
            } catch (TransientDataAccessException | DataAccessResourceFailureException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                log.warn("{} not stored (attempt {} of {}), trying again in {}: {}", what, attempt, ATTEMPTS, backoff,
                        e.getMessage());
                try {
                    Thread.sleep(backoff.toMillis()); // the binder's retries wait the same way
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    /**
     * Sends one record of the batch, as it came, to its dead letters with the headers the binder would add (original
     * topic, partition and offset; the exception), and waits until the broker has it.
     */
    private void deadLetter(Message<? extends List<?>> batch, int index, RuntimeException malformed) {
        String topic = String.valueOf(header(batch, KafkaHeaders.RECEIVED_TOPIC, index));
        int partition = header(batch, KafkaHeaders.RECEIVED_PARTITION, index) instanceof Number p ? p.intValue() : 0;
        long offset = header(batch, KafkaHeaders.OFFSET, index) instanceof Number o ? o.longValue() : -1;
        byte[] key = bytes(header(batch, KafkaHeaders.RECEIVED_KEY, index));
        byte[] payload = batch.getPayload().get(index) instanceof byte[] bytes ? bytes : null;
        String target = deadLetters.apply(new ConsumerRecord<>(topic, partition, offset, key, payload), malformed);
        log.warn("a record on {} (partition {}, offset {}) does not decode, sent to {}: {}", topic, partition, offset,
                target, malformed.getMessage());
        RecordHeaders headers = new RecordHeaders();
        headers.add(KafkaMessageChannelBinder.X_ORIGINAL_TOPIC, topic.getBytes(StandardCharsets.UTF_8));
        headers.add(KafkaMessageChannelBinder.X_ORIGINAL_PARTITION, ByteBuffer.allocate(Integer.BYTES)
                .putInt(partition).array());
        headers.add(KafkaMessageChannelBinder.X_ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(offset)
                .array());
        headers.add(KafkaMessageChannelBinder.X_EXCEPTION_FQCN, malformed.getClass().getName()
                .getBytes(StandardCharsets.UTF_8));
        headers.add(KafkaMessageChannelBinder.X_EXCEPTION_MESSAGE, String.valueOf(malformed.getMessage())
                .getBytes(StandardCharsets.UTF_8));
        try {
            publisher.sendRecordAsync(new ProducerRecord<>(target, null, key, payload, headers))
                    .get(DEAD_LETTER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the batch then goes to the dead letters whole (binder), this record with it
            throw new IllegalStateException("a malformed record could not be dead-lettered", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering a malformed record", e);
        }
    }

    /** The value of a batch header for one record: in batch mode each header is a list, one entry per record. */
    private static Object header(Message<?> batch, String name, int index) {
        Object values = batch.getHeaders().get(name);
        return values instanceof List<?> list && index < list.size() ? list.get(index) : null;
    }

    /**
     * The correlation id header of one record: a list entry like the binder's own headers, or (as Spring Kafka's batch
     * converter hands them over) in the record's converted or raw headers.
     */
    private static String correlationId(Message<?> batch, int index) {
        Object value = header(batch, CorrelationId.KAFKA_HEADER, index);
        if (value == null && header(batch, KafkaHeaders.BATCH_CONVERTED_HEADERS, index) instanceof Map<?, ?> converted) {
            value = converted.get(CorrelationId.KAFKA_HEADER);
        }
        if (value == null && header(batch, KafkaHeaders.NATIVE_HEADERS, index) instanceof Headers raw) {
            Header last = raw.lastHeader(CorrelationId.KAFKA_HEADER);
            value = last == null ? null : last.value();
        }
        return text(value);
    }

    private static String text(Object value) {
        byte[] bytes = bytes(value);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Object key) {
        if (key instanceof byte[] bytes) {
            return bytes;
        }
        return key == null ? null : key.toString().getBytes(StandardCharsets.UTF_8);
    }
}
