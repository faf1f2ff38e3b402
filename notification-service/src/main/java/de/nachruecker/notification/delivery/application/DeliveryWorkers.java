package de.nachruecker.notification.delivery.application;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends up to {@code workers} deliveries at once, from batches of up to {@code inFlight}. One dispatcher thread claims
 * as many due deliveries as there are free slots, in one batch ({@link DueDeliveries#nextBatch}), and hands the batch
 * to the worker threads ({@link DeliveringNotifications#deliverAll}), which send in parallel and store the outcomes
 * with one write per {@code workers} candidates sent to; meanwhile the dispatcher claims the next batch for the slots
 * still free. The slots of a batch are free again once its outcomes are stored, so no more than {@code inFlight}
 * deliveries are claimed and unrecorded at a time; a message sent waits for its outcome write no longer than with
 * batches of {@code workers} (a kill of the instance in between sends it again after the lease). Slots are not
 * workers: under load a batch costs its claim and reads whatever it holds, and with a slot per worker the store's
 * latency, not the gateway, set the pace (8 slots, ~5 round trips of 40 ms per batch: ~40 messages/s). A claimed
 * delivery waits for a worker at most {@code inFlight / workers} sends, well within its lease; an offer announced
 * meanwhile is the first claimed when a slot frees. Sends wait on the SMS gateway or SMTP server, so several workers
 * keep the gateway busy while one waits for an answer. Stopping stops the claims and gives in-flight sends
 * {@code shutdownTimeout} to finish; a send cut off after that is retried by any instance once its lease runs out.
 */
public class DeliveryWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorkers.class);

    private final DueDeliveries due;
    private final DeliveringNotifications delivering;
    private final int workers;
    private final int inFlight;
    private final Duration pauseAfterFailure;
    private final Duration shutdownTimeout;
    private volatile boolean running;
    private volatile CountDownLatch stopping;
    private Semaphore free;
    private ExecutorService dispatcher;
    private ExecutorService senders;

    /**
     * @param workers           deliveries sent at once (threads waiting on a gateway)
     * @param inFlight          deliveries claimed and not yet recorded at most, at least {@code workers}
     * @param pauseAfterFailure how long the dispatcher waits after claiming failed (e.g. the database is
     *                          unreachable), and the longest it waits for a free slot before looking again
     */
    public DeliveryWorkers(DueDeliveries due, DeliveringNotifications delivering, int workers, int inFlight,
                           Duration pauseAfterFailure, Duration shutdownTimeout) {
        if (workers < 1) {
            throw new IllegalArgumentException("at least one delivery worker is needed, not " + workers);
        }
        if (inFlight < workers) {
            throw new IllegalArgumentException("deliveries in flight (" + inFlight
                    + ") must be at least the workers that send them (" + workers + ")");
        }
        this.due = due;
        this.delivering = delivering;
        this.workers = workers;
        this.inFlight = inFlight;
        this.pauseAfterFailure = pauseAfterFailure;
        this.shutdownTimeout = shutdownTimeout;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        stopping = new CountDownLatch(1);
        free = new Semaphore(inFlight);
        running = true;
        senders = Executors.newFixedThreadPool(workers, named("delivery-worker-"));
        dispatcher = Executors.newSingleThreadExecutor(named("delivery-dispatcher-"));
        dispatcher.execute(this::dispatch);
        log.info("{} delivery workers started, up to {} deliveries in flight", workers, inFlight);
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        stopping.countDown();
        due.releaseWaiting(1);
        dispatcher.shutdown();
        senders.shutdown();
        try {
            long deadline = System.nanoTime() + shutdownTimeout.toNanos();
            if (!dispatcher.awaitTermination(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    | !senders.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                log.warn("deliveries still sending after {}: interrupted, they are retried after their lease",
                        shutdownTimeout);
                dispatcher.shutdownNow();
                senders.shutdownNow();
            }
        } catch (InterruptedException e) {
            dispatcher.shutdownNow();
            senders.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void dispatch() {
        while (running) {
            try {
                if (free.tryAcquire(pauseAfterFailure.toMillis(), TimeUnit.MILLISECONDS)) {
                    dispatchBatch(1 + free.drainPermits());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Claims up to {@code slots} deliveries and hands them to the workers; frees the slots it did not fill. */
    private void dispatchBatch(int slots) throws InterruptedException {
        List<Deliveries.Claimed> batch;
        try {
            batch = due.nextBatch(slots);
        } catch (RuntimeException e) {
            free.release(slots);
            log.error("claiming due deliveries failed, trying again in {}", pauseAfterFailure, e);
            stopping.await(pauseAfterFailure.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        free.release(slots - batch.size());
        if (batch.isEmpty()) {
            return;
        }
        try {
            delivering.deliverAll(batch, senders, workers)
                    .whenComplete((done, failure) -> free.release(batch.size()));
        } catch (RuntimeException e) {
            free.release(batch.size());
            log.error("{} claimed deliveries not handed to the workers: retried after their lease", batch.size(), e);
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger number = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
