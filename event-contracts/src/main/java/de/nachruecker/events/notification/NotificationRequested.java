package de.nachruecker.events.notification;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import de.nachruecker.events.DomainEvent;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Ask the notification service to send one message to a candidate, on
 * {@link de.nachruecker.events.Topics#NOTIFICATION_REQUESTS}. The contact data comes from the compacted contact topic,
 * never from this event.
 *
 * @param notificationId deterministic per message (e.g. derived from offer id and template), so that a request that
 *                       is produced or delivered twice is still sent once
 * @param parameters     template parameters, e.g. {@code centreName}, {@code answerUrl}, {@code deadline}
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes(@JsonSubTypes.Type(value = NotificationRequested.class, name = NotificationRequested.TYPE))
public record NotificationRequested(
        UUID eventId, Instant occurredAt, String notificationId, String candidateId, MessageTemplate template,
        Map<String, String> parameters) implements DomainEvent {

    public static final String TYPE = "NotificationRequested.v1";

    public NotificationRequested {
        parameters = Map.copyOf(parameters);
    }

    @Override
    public String partitionKey() {
        return candidateId;
    }
}
