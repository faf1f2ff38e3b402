package de.nachruecker.allocation.offer.messaging;

import de.nachruecker.allocation.offer.application.Notifications;
import de.nachruecker.events.Topics;
import de.nachruecker.events.notification.NotificationRequested;
import de.nachruecker.support.messaging.EventPublisher;
import org.springframework.stereotype.Component;

/** Requests a candidate's message on {@code notification-requests}, synchronously. */
@Component
public class NotificationRequests implements Notifications {

    private final EventPublisher publisher;

    public NotificationRequests(EventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void request(NotificationRequested message) {
        publisher.publish(Topics.NOTIFICATION_REQUESTS, message);
    }
}
