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

import java.nio.charset.StandardCharsets;

/**
 * Sends events to their topic with the partition key as record key and the event id and type as headers. Sends are
 * synchronous (the binder's producers are configured with {@code sync=true}): a call that returns means the broker
 * has the record, which is what the outbox relies on before it forgets an event.
 */
public class EventPublisher {

    public static final String EVENT_ID_HEADER = "event-id";
    public static final String EVENT_TYPE_HEADER = "event-type";

    private final StreamBridge streamBridge;
    private final EventCodec codec;

    public EventPublisher(StreamBridge streamBridge, EventCodec codec) {
        this.streamBridge = streamBridge;
        this.codec = codec;
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

    public static final class EventPublishingException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public EventPublishingException(String message) {
            super(message);
        }
    }
}
