package de.nachruecker.events.notification;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import de.nachruecker.events.DomainEvent;
import de.nachruecker.events.SealedValue;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Ask the notification service to send one message to a candidate, on
 * {@link de.nachruecker.events.Topics#NOTIFICATION_REQUESTS}. The contact data comes from the compacted contact topic,
 * never from this event.
 *
 * @param eventId        also the id of the message key that seals {@code secrets} (key vault, {@code message-keys})
 * @param notificationId deterministic per message (e.g. derived from offer id and template), so that a request that
 *                       is produced or delivered twice is still sent once
 * @param parameters     template parameters that are no secret, e.g. {@code centreName}, {@code answerDeadline}
 * @param secrets        the secret template parameters ({@code answerToken}, {@code code}, {@code accessCode}) as one
 *                       JSON object, sealed with this message's own key (service-support {@code MessageSecrets}), which
 *                       the notification service deletes once the message is final; {@code null} (absent on the wire)
 *                       when the template has none. v1 carried them in clear in {@code parameters}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes(@JsonSubTypes.Type(value = NotificationRequested.class, name = NotificationRequested.TYPE))
public record NotificationRequested(
        UUID eventId, Instant occurredAt, String notificationId, String candidateId, MessageTemplate template,
        Map<String, String> parameters, @JsonInclude(JsonInclude.Include.NON_NULL) SealedValue secrets)
        implements DomainEvent {

    public static final String TYPE = "NotificationRequested.v2";

    public NotificationRequested {
        parameters = Map.copyOf(parameters);
    }

    /** A request without secrets (confirmation, too-late note, receipt). */
    public NotificationRequested(UUID eventId, Instant occurredAt, String notificationId, String candidateId,
                                 MessageTemplate template, Map<String, String> parameters) {
        this(eventId, occurredAt, notificationId, candidateId, template, parameters, null);
    }

    @Override
    public String partitionKey() {
        return candidateId;
    }
}
