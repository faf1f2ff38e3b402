package de.nachruecker.notification.delivery.application;

import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.notification.delivery.model.Delivery;
import de.nachruecker.notification.delivery.model.DeliveryPriority;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Finds the next delivery for a worker and claims it, always by id (cheap). Deliveries accepted by this instance are
 * announced here (which wakes a waiting worker at once); everything else that is due (retries after a backoff,
 * contacts that arrived late, deliveries of a crashed instance, a backlog from before a restart) is found by the
 * priority-sorted scan of the store, which runs whenever no announcement is waiting and the last scan found a full
 * batch, and at least once per scan interval in between, so a due offer in the store does not wait behind announced
 * confirmations for long. One scan queues up to {@value #SCAN_BATCH} deliveries: scanning once per claim made the
 * database the platform's bottleneck under load (before the scan was read in index order, it read every due delivery).
 * Announcements and scan results are only hints: the claim, an atomic conditional update under a lease, is what
 * makes a delivery belong to one dispatcher of one instance. A dispatcher with room for several takes several hints at
 * once and claims them with one write ({@link #nextBatch}).
 *
 * <p><b>Claims linger under load.</b> Requests arriving one at a time made every claim a batch of one, which costs
 * the round trips of a whole batch (claim, contacts, keys, outcomes, key delete, status relay) for one message. So
 * while deliveries keep coming (a claim within the last {@link #BUSY}), a claim that has fewer hints than room waits
 * up to {@code claimLinger} for more before it is made, and is made at once when it is full. The first claim after
 * a quiet second does not wait: an idle platform sends a single message as promptly as before.
 */
public class DueDeliveries {

    /** Deliveries one scan of the store queues at most. */
    static final int SCAN_BATCH = 100;

    /** Offers first, then the longest due, then first come. */
    private static final Comparator<Hint> ORDER = Comparator.comparingInt(Hint::rank)
            .thenComparing(Hint::dueAt).thenComparingLong(Hint::sequence);
    private static final int STOP = Integer.MIN_VALUE;
    /** How recent the last claim must be for the next one to linger: deliveries are arriving. */
    static final Duration BUSY = Duration.ofSeconds(1);

    private final Deliveries deliveries;
    private final Clock clock;
    private final Duration lease;
    private final long scanIntervalNanos;
    private final int capacity;
    private final long claimLingerNanos;
    private final UnstoredOutcomes unstored;
    /** When the last claim was made ({@link System#nanoTime}); the distant past before the first. */
    private volatile long lastClaimAt = System.nanoTime() - 2 * BUSY.toNanos();
    private final PriorityBlockingQueue<Hint> announced = new PriorityBlockingQueue<>(64, ORDER);
    /** The ids in {@link #announced}, so a scan does not queue what is queued already. */
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final AtomicLong sequence = new AtomicLong();
    /** Whether the last scan found work: then the store may hold more, so scan again rather than wait. */
    private volatile boolean storeHasWork = true;
    private volatile long nextScanAt = System.nanoTime();
    /** One worker scans at a time; the workers all wake when a scan is due, and each scanning was most of the cost. */
    private final AtomicBoolean scanning = new AtomicBoolean();
    /** Held while a poll's deliveries are announced: a claim woken by the first waits for the rest. */
    private final Object announcing = new Object();

    /**
     * @param scanInterval how long a worker without announced work waits before it scans the store again
     * @param capacity     announcements kept at most; beyond them the scan finds the deliveries
     * @param claimLinger  how long a claim with room for more waits for further deliveries while deliveries keep
     *                     arriving (see the class comment); zero: never
     * @param unstored     deliveries never claimed here while their outcome waits for the store (it may have been sent)
     */
    public DueDeliveries(Deliveries deliveries, Clock clock, Duration lease, Duration scanInterval, int capacity,
                         Duration claimLinger, UnstoredOutcomes unstored) {
        if (claimLinger.isNegative()) {
            throw new IllegalArgumentException("the claim linger cannot be negative: " + claimLinger);
        }
        this.claimLingerNanos = claimLinger.toNanos();
        this.deliveries = deliveries;
        this.clock = clock;
        this.lease = lease;
        this.scanIntervalNanos = scanInterval.toNanos();
        this.capacity = capacity;
        this.unstored = unstored;
    }

    /** A delivery this instance has just stored as due. */
    public void announce(Delivery delivery) {
        announceAll(List.of(delivery));
    }

    /**
     * Deliveries this instance has just stored as due together (one poll's): a worker woken by the first takes the
     * others along in the same claim instead of claiming the first alone.
     */
    public void announceAll(List<Delivery> stored) {
        synchronized (announcing) {
            stored.forEach(delivery -> queue(delivery.notificationId(), delivery.template(),
                    delivery.nextAttemptAt()));
        }
    }

    private void queue(String notificationId, MessageTemplate template, Instant dueAt) {
        if (announced.size() >= capacity) {
            storeHasWork = true;
            return;
        }
        if (queued.add(notificationId)) {
            announced.offer(new Hint(DeliveryPriority.rank(template), dueAt == null ? Instant.MIN : dueAt,
                    sequence.incrementAndGet(), notificationId));
        }
    }

    /**
     * Claims the next due deliveries, at most {@code max}: waits for the first announcement at most until the next
     * scan is due, then takes whatever else is queued (offers first; under load waiting up to the claim linger for
     * the batch to fill), and claims them with one write.
     *
     * @return the deliveries claimed, in the order taken; empty if nothing was claimed (nothing due, another worker
     * or instance was faster, or the workers are being stopped)
     */
    public List<Deliveries.Claimed> nextBatch(int max) throws InterruptedException {
        if (max < 1) {
            throw new IllegalArgumentException("a batch holds at least one delivery, not " + max);
        }
        long wait;
        if (!scanDue()) {
            wait = Math.max(0, nextScanAt - System.nanoTime());
        } else if (scanning.compareAndSet(false, true)) {
            try {
                List<Deliveries.Due> found = deliveries.findDue(clock.instant(), SCAN_BATCH);
                storeHasWork = found.size() >= SCAN_BATCH;
                nextScanAt = System.nanoTime() + scanIntervalNanos;
                found.forEach(due -> queue(due.notificationId(), due.template(), due.dueAt()));
            } finally {
                scanning.set(false);
            }
            wait = Math.max(0, nextScanAt - System.nanoTime());
        } else {
            // another worker is scanning: what it finds wakes this one
            wait = scanIntervalNanos;
        }
        Hint hint = announced.poll(wait, TimeUnit.NANOSECONDS);
        if (hint == null || hint.rank() == STOP) {
            return List.of();
        }
        synchronized (announcing) {
            // nothing to do inside: the announcements this hint came with are all queued now
        }
        long lingerUntil = System.nanoTime() + claimLingerNanos;
        boolean linger = claimLingerNanos > 0 && max > 1 && System.nanoTime() - lastClaimAt < BUSY.toNanos();
        List<String> ids = new ArrayList<>();
        while (hint != null) {
            if (hint.rank() == STOP) {
                announced.offer(hint); // the next call returns at once
                break;
            }
            queued.remove(hint.notificationId());
            if (unstored.contains(hint.notificationId())) {
                // its outcome waits to be written again: its lease may have run out, but it was sent here
                hint = announced.poll();
                continue;
            }
            ids.add(hint.notificationId());
            if (ids.size() >= max) {
                break;
            }
            hint = announced.poll();
            long left = lingerUntil - System.nanoTime();
            if (hint == null && linger && left > 0) {
                hint = announced.poll(left, TimeUnit.NANOSECONDS);
                synchronized (announcing) {
                    // as above: the rest of this hint's poll is queued now
                }
            }
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        lastClaimAt = System.nanoTime();
        return deliveries.claimAllIfDue(ids, clock.instant(), lease);
    }

    /** Lets {@code waiting} workers that wait for an announcement return at once (to see that they should stop). */
    void releaseWaiting(int waiting) {
        for (int i = 0; i < waiting; i++) {
            announced.offer(new Hint(STOP, Instant.MIN, 0, null));
        }
    }

    private boolean scanDue() {
        return (storeHasWork && announced.isEmpty()) || System.nanoTime() - nextScanAt >= 0;
    }

    private record Hint(int rank, Instant dueAt, long sequence, String notificationId) {
    }
}
