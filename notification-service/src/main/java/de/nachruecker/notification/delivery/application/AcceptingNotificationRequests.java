package de.nachruecker.notification.delivery.application;

import de.nachruecker.events.notification.NotificationRequested;
import de.nachruecker.notification.delivery.model.Delivery;
import de.nachruecker.notification.delivery.model.SealedSecrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;

/**
 * Turns a notification request into a pending delivery. The notification id is the document id, so a request that is
 * delivered twice, or again after a restart, is recognised by the unique key and sent only once. Secret parameters
 * stay sealed in the delivery until it is sent.
 */
@Service
public class AcceptingNotificationRequests {

    private static final Logger log = LoggerFactory.getLogger(AcceptingNotificationRequests.class);

    private final Deliveries deliveries;
    private final DueDeliveries due;
    private final SecretParameters secrets;
    private final Clock clock;

    public AcceptingNotificationRequests(Deliveries deliveries, DueDeliveries due, SecretParameters secrets,
                                         Clock clock) {
        this.deliveries = deliveries;
        this.due = due;
        this.secrets = secrets;
        this.clock = clock;
    }

    public void accept(NotificationRequested request) {
        // the secrets stay sealed in the delivery, under the key the request names (its event id)
        SealedSecrets sealed = request.secrets() == null ? null
                : new SealedSecrets(request.eventId().toString(), request.secrets());
        Delivery delivery = Delivery.requested(request.notificationId(), request.candidateId(), request.template(),
                request.parameters(), sealed, request.occurredAt(), clock.instant());
        if (deliveries.insertIfAbsent(delivery)) {
            due.announce(delivery); // a waiting worker takes it at once instead of at its next scan
            log.info("notification {} ({}) for candidate {} accepted", request.notificationId(), request.template(),
                    request.candidateId());
        } else {
            log.info("notification {} is known already, request {} ignored", request.notificationId(),
                    request.eventId());
            if (sealed != null && !stillNeeded(request.notificationId(), sealed)) {
                // a second request for a message already sent, or one sealed under another key: its key is no use
                secrets.discard(sealed.keyId());
            }
        }
    }

    /** Whether the known delivery still waits to be sent with these very secrets (the same request, redelivered). */
    private boolean stillNeeded(String notificationId, SealedSecrets sealed) {
        return deliveries.find(notificationId).map(Delivery::secrets)
                .filter(kept -> kept.keyId().equals(sealed.keyId())).isPresent();
    }
}
