package de.nachruecker.registration.candidate.application;

import de.nachruecker.events.DomainEvent;
import de.nachruecker.events.TopicDefinition;

import java.time.Instant;
import java.util.UUID;

/**
 * An event a registration change promises to publish; stored with the change in one write (see {@link Registrations}).
 *
 * @param event {@code null} for a tombstone, which erases {@code key} on a compacted topic
 */
public record OutgoingEvent(TopicDefinition topic, String key, DomainEvent event, String eventId, Instant createdAt) {

    public static OutgoingEvent of(TopicDefinition topic, DomainEvent event) {
        return new OutgoingEvent(topic, event.partitionKey(), event, event.eventId().toString(), event.occurredAt());
    }

    public static OutgoingEvent tombstone(TopicDefinition topic, String key, Instant now) {
        if (!topic.compacted()) {
            throw new IllegalArgumentException("tombstones only make sense on compacted topics: " + topic.name());
        }
        return new OutgoingEvent(topic, key, null, UUID.randomUUID().toString(), now);
    }

    public boolean isTombstone() {
        return event == null;
    }
}
