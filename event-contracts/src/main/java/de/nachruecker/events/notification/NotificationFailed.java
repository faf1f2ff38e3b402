package de.nachruecker.events.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * The message could not be delivered and will not be retried.
 *
 * @param channel the channel tried last; {@code null} when none was tried (no contact, contact erased)
 * @param reason  machine-readable cause, e.g. {@code no-contact}, {@code contact-erased}, {@code sms-rejected:21211},
 *                {@code retries-exhausted}; never contains personal data
 */
public record NotificationFailed(
        UUID eventId, Instant occurredAt, String notificationId, String candidateId, MessageTemplate template,
        NotificationChannel channel, int attempt, String reason) implements NotificationStatusEvent {

    public static final String TYPE = "NotificationFailed.v1";
}
