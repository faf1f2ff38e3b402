package de.nachruecker.events.notification;

import java.time.Instant;
import java.util.UUID;

/** The SMS gateway or the mail server accepted the message for the candidate. */
public record NotificationSent(
        UUID eventId, Instant occurredAt, String notificationId, String candidateId, MessageTemplate template,
        NotificationChannel channel, int attempt) implements NotificationStatusEvent {

    public static final String TYPE = "NotificationSent.v1";
}
