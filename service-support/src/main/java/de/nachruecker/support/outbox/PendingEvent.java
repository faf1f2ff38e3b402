package de.nachruecker.support.outbox;

import de.nachruecker.events.DomainEvent;
import de.nachruecker.events.EventCodec;
import de.nachruecker.events.TopicDefinition;
import de.nachruecker.support.correlation.CorrelationId;

import java.time.Instant;

/**
 * An event waiting in the outbox of the document whose change it reports. Stored inside that document, so that the
 * change and the promise to publish it are one atomic single-document write (MongoDB without transactions).
 *
 * @param payload       the encoded event; {@code null} for a tombstone on a compacted topic
 * @param correlationId the work that caused the event (see {@link CorrelationId}), sent with it however late
 */
public record PendingEvent(String eventId, String topic, String key, String type, byte[] payload, Instant createdAt,
                           String correlationId) {

    public static PendingEvent of(TopicDefinition topic, DomainEvent event, EventCodec codec) {
        return of(topic, event, codec, CorrelationId.currentOrNew());
    }

    /**
     * For work done apart from the thread's own (a batch's records, a delivery sent later): the event belongs to
     * {@code correlationId}'s work; {@code null} for the thread's current one.
     */
    public static PendingEvent of(TopicDefinition topic, DomainEvent event, EventCodec codec, String correlationId) {
        return new PendingEvent(event.eventId().toString(), topic.name(), event.partitionKey(), codec.typeOf(event),
                codec.encode(event), event.occurredAt(),
                correlationId != null ? correlationId : CorrelationId.currentOrNew());
    }

    public static PendingEvent tombstone(TopicDefinition topic, String key, String eventId, Instant createdAt) {
        if (!topic.compacted()) {
            throw new IllegalArgumentException("tombstones only make sense on compacted topics: " + topic.name());
        }
        return new PendingEvent(eventId, topic.name(), key, null, null, createdAt, CorrelationId.currentOrNew());
    }
}
