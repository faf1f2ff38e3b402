package de.nachruecker.notification.delivery.application;

import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.events.notification.NotificationStatusEvent;
import de.nachruecker.notification.delivery.model.Delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where deliveries are kept. Every change of a delivery is atomic on its own document; the batch methods carry the
 * changes of many documents in one round trip, each still conditional on its own document.
 */
public interface Deliveries {

    /** @return {@code false} if a delivery with this notification id exists already */
    boolean insertIfAbsent(Delivery delivery);

    /**
     * Inserts each delivery whose notification id is not stored yet, all in one write; the unique id decides, so of
     * two requests for one notification only one is ever stored, also across instances.
     *
     * @param deliveries with distinct notification ids
     * @return the notification ids inserted now
     */
    Set<String> insertAllIfAbsent(List<Delivery> deliveries);

    Optional<Delivery> find(String notificationId);

    /** The stored deliveries of these notification ids, by id, in one read. */
    Map<String, Delivery> findAll(Collection<String> notificationIds);

    /**
     * The due deliveries (pending and due, or sending under a lease that ran out): offers before other templates,
     * then the longest due, at most {@code limit}. Reads only; a worker claims them with {@link #claimAllIfDue}.
     */
    List<Due> findDue(Instant now, int limit);

    /**
     * Atomically takes each of these deliveries that is due (pending and due, or sending under a lease that ran out)
     * and leases it to the caller until {@code now + lease}; found by id. Each delivery is taken by one caller only,
     * however many claim it at once.
     *
     * @return the deliveries this call took, in the order of {@code notificationIds}
     */
    List<Claimed> claimAllIfDue(List<String> notificationIds, Instant now, Duration lease);

    /**
     * Stores the next state of each claimed delivery and, if given, its status event in the same single-document
     * write; publishes the events afterwards. A delivery whose lease was lost to another worker is left as it is.
     *
     * @return the notification ids whose lease was still held (their outcome is stored)
     */
    Set<String> completeAll(Collection<Completion> completions);

    record Claimed(Delivery delivery, String leaseToken) {
    }

    /** The next state of a claimed delivery, with the status event that reports it ({@code null}: none yet). */
    record Completion(Claimed claimed, Delivery next, NotificationStatusEvent statusEvent) {
    }

    /** A due delivery as the scan found it: enough to order the claims. */
    record Due(String notificationId, MessageTemplate template, Instant dueAt) {
    }
}
