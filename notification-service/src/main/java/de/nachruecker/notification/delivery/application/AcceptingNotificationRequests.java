package de.nachruecker.notification.delivery.application;

import de.nachruecker.events.notification.NotificationRequested;
import de.nachruecker.notification.delivery.model.Delivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;

/**
 * Turns a notification request into a pending delivery. The notification id is the document id, so a request that is
 * delivered twice, or again after a restart, is recognised by the unique key and sent only once.
 */
@Service
public class AcceptingNotificationRequests {

    private static final Logger log = LoggerFactory.getLogger(AcceptingNotificationRequests.class);

    private final Deliveries deliveries;
    private final DueDeliveries due;
    private final Clock clock;

    public AcceptingNotificationRequests(Deliveries deliveries, DueDeliveries due, Clock clock) {
        this.deliveries = deliveries;
        this.due = due;
        this.clock = clock;
    }

    public void accept(NotificationRequested request) {
        Delivery delivery = Delivery.requested(request.notificationId(), request.candidateId(), request.template(),
                request.parameters(), request.occurredAt(), clock.instant());
        if (deliveries.insertIfAbsent(delivery)) {
            due.announce(delivery); // a waiting worker takes it at once instead of at its next scan
            log.info("notification {} ({}) for candidate {} accepted", request.notificationId(), request.template(),
                    request.candidateId());
        } else {
            log.info("notification {} is known already, request {} ignored", request.notificationId(),
                    request.eventId());
        }
    }
}
