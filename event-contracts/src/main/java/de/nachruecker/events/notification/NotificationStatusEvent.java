package de.nachruecker.events.notification;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import de.nachruecker.events.DomainEvent;

/**
 * The outcome of one {@link NotificationRequested}, on {@link de.nachruecker.events.Topics#NOTIFICATION_STATUS}, keyed
 * by notification id. Exactly one outcome is decided per notification; the topic delivers it at least once.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = NotificationSent.class, name = NotificationSent.TYPE),
        @JsonSubTypes.Type(value = NotificationFailed.class, name = NotificationFailed.TYPE)
})
public sealed interface NotificationStatusEvent extends DomainEvent permits NotificationSent, NotificationFailed {

    String notificationId();

    String candidateId();

    MessageTemplate template();

    /** Send attempts made over all channels, including the last one. */
    int attempt();

    @Override
    default String partitionKey() {
        return notificationId();
    }
}
