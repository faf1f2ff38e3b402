package de.nachruecker.notification.delivery.application;

import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.events.notification.NotificationStatusEvent;
import de.nachruecker.notification.delivery.model.Delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where deliveries are kept; every method is one atomic single-document operation. */
public interface Deliveries {

    /** @return {@code false} if a delivery with this notification id exists already */
    boolean insertIfAbsent(Delivery delivery);

    Optional<Delivery> find(String notificationId);

    /**
     * The due deliveries (pending and due, or sending under a lease that ran out): offers before other templates,
     * then the longest due, at most {@code limit}. Reads only; a worker claims each with {@link #claimIfDue}.
     */
    List<Due> findDue(Instant now, int limit);

    /**
     * Atomically takes this delivery if it is due (pending and due, or sending under a lease that ran out) and leases
     * it to the caller until {@code now + lease}; cheap, found by id.
     */
    Optional<Claimed> claimIfDue(String notificationId, Instant now, Duration lease);

    /**
     * Stores the next state of a claimed delivery and, if given, the status event in the same write; publishes the
     * event afterwards. Does nothing if the lease was lost to another worker.
     *
     * @return whether the lease was still held
     */
    boolean complete(Claimed claimed, Delivery next, NotificationStatusEvent statusEvent);

    record Claimed(Delivery delivery, String leaseToken) {
    }

    /** A due delivery as the scan found it: enough to order the claims. */
    record Due(String notificationId, MessageTemplate template, Instant dueAt) {
    }
}
