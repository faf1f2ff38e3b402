package de.nachruecker.notification.delivery.application;

import de.nachruecker.events.notification.NotificationStatusEvent;
import de.nachruecker.notification.delivery.model.Delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Where deliveries are kept; every method is one atomic single-document operation. */
public interface Deliveries {

    /** @return {@code false} if a delivery with this notification id exists already */
    boolean insertIfAbsent(Delivery delivery);

    Optional<Delivery> find(String notificationId);

    /**
     * Atomically takes one due delivery (pending and due, or sending with an expired lease) and leases it to the
     * caller until {@code now + lease}: offers before other templates, then the longest due.
     */
    Optional<Claimed> claimNextDue(Instant now, Duration lease);

    /**
     * Atomically takes this delivery if it is pending and due (cheap: found by id). One under an expired lease is left
     * to {@link #claimNextDue}.
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
}
