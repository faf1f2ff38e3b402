package de.nachruecker.notification.delivery.application;

import de.nachruecker.events.notification.NotificationRequested;
import de.nachruecker.notification.delivery.model.Delivery;
import de.nachruecker.notification.delivery.model.SealedSecrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns notification requests into pending deliveries, a batch at a time. The notification id is the document id, so
 * a request that is delivered twice, or again after a restart, is recognised by the unique key and sent only once.
 * Secret parameters stay sealed in the delivery until it is sent.
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

    /**
     * Stores the new deliveries of a batch of requests with one bulk insert and announces them in the batch's order;
     * a request whose notification id is stored already (or came earlier in the batch) is ignored, and its key deleted
     * unless the delivery waits to be sent with these very secrets (the same request, redelivered). The repeats cost
     * one read for the whole batch, and nothing when there are none.
     */
    public void acceptAll(List<NotificationRequested> requests) {
        if (requests.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Map<String, Delivery> fresh = new LinkedHashMap<>();
        List<NotificationRequested> repeats = new ArrayList<>();
        Map<String, NotificationRequested> firstRequest = new LinkedHashMap<>();
        for (NotificationRequested request : requests) {
            if (firstRequest.putIfAbsent(request.notificationId(), request) != null) {
                repeats.add(request);
            } else {
                fresh.put(request.notificationId(), delivery(request, now));
            }
        }
        Set<String> inserted = deliveries.insertAllIfAbsent(List.copyOf(fresh.values()));
        List<Delivery> stored = new ArrayList<>();
        for (NotificationRequested request : firstRequest.values()) {
            if (inserted.contains(request.notificationId())) {
                stored.add(fresh.get(request.notificationId()));
            } else {
                repeats.add(request);
            }
        }
        if (!stored.isEmpty() && log.isInfoEnabled()) {
            // one line per poll: a line per request was about a tenth of this service's CPU per message under load
            // (issue 17); template and candidate are in the stored delivery
            log.info("{} notification(s) accepted: {}", stored.size(),
                    stored.stream().map(Delivery::notificationId).toList());
        }
        // a waiting worker takes them at once instead of at its next scan, the poll's deliveries in one claim
        due.announceAll(stored);
        ignore(repeats);
    }

    private static Delivery delivery(NotificationRequested request, Instant now) {
        // the secrets stay sealed in the delivery, under the key the request names (its event id)
        return Delivery.requested(request.notificationId(), request.candidateId(), request.template(),
                request.parameters(), sealed(request), request.occurredAt(), now);
    }

    private static SealedSecrets sealed(NotificationRequested request) {
        return request.secrets() == null ? null
                : new SealedSecrets(request.eventId().toString(), request.secrets());
    }

    private void ignore(List<NotificationRequested> repeats) {
        if (repeats.isEmpty()) {
            return;
        }
        repeats.forEach(request -> log.info("notification {} is known already, request {} ignored",
                request.notificationId(), request.eventId()));
        List<NotificationRequested> sealed = repeats.stream().filter(request -> request.secrets() != null).toList();
        if (sealed.isEmpty()) {
            return;
        }
        Map<String, Delivery> known = deliveries.findAll(sealed.stream().map(NotificationRequested::notificationId)
                .distinct().toList());
        // a second request for a message already sent, or one sealed under another key: its key is no use
        List<String> useless = sealed.stream()
                .filter(request -> !stillNeeded(known.get(request.notificationId()), sealed(request)))
                .map(request -> sealed(request).keyId()).distinct().toList();
        if (!useless.isEmpty()) {
            secrets.discardAll(useless);
        }
    }

    /** Whether the known delivery still waits to be sent with these very secrets (the same request, redelivered). */
    private static boolean stillNeeded(Delivery known, SealedSecrets sealed) {
        return Optional.ofNullable(known).map(Delivery::secrets)
                .filter(kept -> kept.keyId().equals(sealed.keyId())).isPresent();
    }
}
