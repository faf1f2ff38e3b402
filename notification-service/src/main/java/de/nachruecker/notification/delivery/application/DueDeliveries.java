package de.nachruecker.notification.delivery.application;

import de.nachruecker.notification.delivery.model.Delivery;
import de.nachruecker.notification.delivery.model.DeliveryPriority;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Finds the next delivery for a worker and claims it. Deliveries accepted by this instance are announced here and
 * claimed by id (cheap, and it wakes a waiting worker at once); everything else that is due (retries after a backoff,
 * contacts that arrived late, deliveries of a crashed instance, a backlog from before a restart) is found by the
 * priority-sorted scan of the store, which runs whenever no announcement is waiting and at least once per scan
 * interval in between, so a due offer in the store does not wait behind announced confirmations for long.
 * Announcements are only hints: the claim, an atomic conditional update under a lease, is what makes a delivery
 * belong to one worker of one instance.
 */
public class DueDeliveries {

    private static final Comparator<Hint> ORDER = Comparator.comparingInt(Hint::rank).thenComparingLong(Hint::sequence);
    private static final int STOP = Integer.MIN_VALUE;

    private final Deliveries deliveries;
    private final Clock clock;
    private final Duration lease;
    private final long scanIntervalNanos;
    private final int capacity;
    private final PriorityBlockingQueue<Hint> announced = new PriorityBlockingQueue<>(64, ORDER);
    private final AtomicLong sequence = new AtomicLong();
    /** Whether the last scan found work: then the store may hold more, so scan again rather than wait. */
    private volatile boolean storeHasWork = true;
    private volatile long nextScanAt = System.nanoTime();

    /**
     * @param scanInterval how long a worker without announced work waits before it scans the store again
     * @param capacity     announcements kept at most; beyond them the scan finds the deliveries
     */
    public DueDeliveries(Deliveries deliveries, Clock clock, Duration lease, Duration scanInterval, int capacity) {
        this.deliveries = deliveries;
        this.clock = clock;
        this.lease = lease;
        this.scanIntervalNanos = scanInterval.toNanos();
        this.capacity = capacity;
    }

    /** A delivery this instance has just stored as due. */
    public void announce(Delivery delivery) {
        if (announced.size() >= capacity) {
            storeHasWork = true;
            return;
        }
        announced.offer(new Hint(DeliveryPriority.rank(delivery.template()), sequence.incrementAndGet(),
                delivery.notificationId()));
    }

    /**
     * Claims the next due delivery, waiting for an announcement at most until the next scan is due.
     *
     * @return empty if nothing was claimed (nothing due, another worker was faster, or workers are being stopped)
     */
    public Optional<Deliveries.Claimed> next() throws InterruptedException {
        if (scanDue()) {
            Optional<Deliveries.Claimed> found = deliveries.claimNextDue(clock.instant(), lease);
            storeHasWork = found.isPresent();
            nextScanAt = System.nanoTime() + scanIntervalNanos;
            if (found.isPresent()) {
                forget(found.get().delivery().notificationId());
                return found;
            }
        }
        Hint hint = announced.poll(Math.max(0, nextScanAt - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (hint == null || hint.rank() == STOP) {
            return Optional.empty();
        }
        return deliveries.claimIfDue(hint.notificationId(), clock.instant(), lease);
    }

    /** Lets {@code waiting} workers that wait for an announcement return at once (to see that they should stop). */
    void releaseWaiting(int waiting) {
        for (int i = 0; i < waiting; i++) {
            announced.offer(new Hint(STOP, 0, null));
        }
    }

    /**
     * Drops the announcement of a delivery the scan claimed: claiming it by id would miss, and on mongo-java-server a
     * conditional update that matches nothing costs a scan.
     */
    private void forget(String notificationId) {
        announced.removeIf(hint -> notificationId.equals(hint.notificationId()));
    }

    private boolean scanDue() {
        return (storeHasWork && announced.isEmpty()) || System.nanoTime() - nextScanAt >= 0;
    }

    private record Hint(int rank, long sequence, String notificationId) {
    }
}
