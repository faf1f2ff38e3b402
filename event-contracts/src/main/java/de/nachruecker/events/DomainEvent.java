package de.nachruecker.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Every event on the platform's topics. The event id is stable across redeliveries and is what consumers use to stay
 * idempotent; the partition key decides ordering (see {@link Topics}).
 */
public interface DomainEvent {

    UUID eventId();

    Instant occurredAt();

    /** The Kafka record key: events with the same key are delivered in order. */
    String partitionKey();
}
