package de.nachruecker.support.messaging;

import de.nachruecker.events.DomainEvent;
import de.nachruecker.events.EventCodec;
import de.nachruecker.events.TopicDefinition;
import de.nachruecker.support.correlation.CorrelationId;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Sends events to their topic with the partition key as record key and the event id and type as headers. Sends are
 * synchronous (the binder's producers are configured with {@code sync=true}): a call that returns means the broker
 * has the record, which is what the outbox relies on before it forgets an event.
 *
 * <p>{@link #sendAsync} is for the outbox relay, which sends a batch of documents' events at once and waits for all
 * of them: a producer of its own with the binder's producer settings (idempotent, acks=all), the same record layout
 * (key, raw event id, type and correlation id headers) and the same tracing (an observation per record, so the
 * record carries the traceparent of the work in scope).
 */
public class EventPublisher implements DisposableBean {

    public static final String EVENT_ID_HEADER = "event-id";
    public static final String EVENT_TYPE_HEADER = "event-type";

    private final StreamBridge streamBridge;
    private final EventCodec codec;
    private final KafkaTemplate<byte[], byte[]> async;

    public EventPublisher(StreamBridge streamBridge, EventCodec codec) {
        this(streamBridge, codec, null);
    }

    /** @param async the relay's producer; {@code null}: {@link #sendAsync} sends synchronously like {@link #send} */
    public EventPublisher(StreamBridge streamBridge, EventCodec codec, KafkaTemplate<byte[], byte[]> async) {
        this.streamBridge = streamBridge;
        this.codec = codec;
        this.async = async;
    }

    public void publish(TopicDefinition topic, DomainEvent event) {
        send(topic.name(), event.partitionKey(), event.eventId().toString(), codec.typeOf(event), codec.encode(event),
                CorrelationId.currentOrNew());
    }

    /** A tombstone: on a compacted topic it erases everything kept under {@code key}. */
    public void publishTombstone(TopicDefinition topic, String key) {
        if (!topic.compacted()) {
            throw new IllegalArgumentException("tombstones only make sense on compacted topics: " + topic.name());
        }
        send(topic.name(), key, null, null, null, CorrelationId.currentOrNew());
    }

    /** For events already encoded, sent as part of the work in progress on this thread. */
    public void send(String topic, String key, String eventId, String type, byte[] payload) {
        send(topic, key, eventId, type, payload, CorrelationId.currentOrNew());
    }

    /** For events already encoded, e.g. by the outbox. A {@code null} payload is a tombstone. */
    public void send(String topic, String key, String eventId, String type, byte[] payload, String correlationId) {
        MessageBuilder<?> builder = payload == null
                ? MessageBuilder.withPayload(KafkaNull.INSTANCE)
                : MessageBuilder.withPayload(payload).setHeader("contentType", MimeTypeUtils.APPLICATION_JSON_VALUE);
        builder.setHeader(KafkaHeaders.KEY, key.getBytes(StandardCharsets.UTF_8));
        if (correlationId != null) {
            builder.setHeader(CorrelationId.KAFKA_HEADER, correlationId);
        }
        if (eventId != null) {
            builder.setHeader(EVENT_ID_HEADER, eventId);
            builder.setHeader(EVENT_TYPE_HEADER, type);
        }
        Message<?> message = builder.build();
        if (!streamBridge.send(topic, message)) {
            throw new EventPublishingException("the binder refused a record for " + topic);
        }
    }

    /**
     * Hands the record to the producer and returns at once; the future completes when the broker has it (acks=all)
     * and fails when it will not. Records sent one after another to one partition keep their order.
     */
    public CompletableFuture<?> sendAsync(String topic, String key, String eventId, String type, byte[] payload,
                                          String correlationId) {
        if (async == null) {
            try {
                send(topic, key, eventId, type, payload, correlationId);
                return CompletableFuture.completedFuture(null);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        RecordHeaders headers = new RecordHeaders();
        if (correlationId != null) {
            headers.add(CorrelationId.KAFKA_HEADER, correlationId.getBytes(StandardCharsets.UTF_8));
        }
        if (eventId != null) {
            headers.add(EVENT_ID_HEADER, eventId.getBytes(StandardCharsets.UTF_8));
        }
        if (eventId != null && type != null) {
            // a tombstone of the outbox has an id but no type, and no type header, as with send
            headers.add(EVENT_TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
        }
        try {
            return async.send(new ProducerRecord<>(topic, null, key.getBytes(StandardCharsets.UTF_8), payload,
                    headers));
        } catch (RuntimeException e) {
            // e.g. the broker's metadata did not arrive within max.block.ms
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Hands a record as it is, headers included, to the producer (e.g. a record a batch consumer sends to its dead
     * letters itself, with the binder's {@code x-original-*} headers); the future completes when the broker has it.
     */
    public CompletableFuture<?> sendRecordAsync(ProducerRecord<byte[], byte[]> record) {
        if (async == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no producer for records as they are"));
        }
        try {
            return async.send(record);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void destroy() {
        if (async != null && async.getProducerFactory() instanceof DefaultKafkaProducerFactory<?, ?> factory) {
            factory.destroy();
        }
    }

    public static final class EventPublishingException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public EventPublishingException(String message) {
            super(message);
        }
    }
}
