package de.nachruecker.notification.delivery.application;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Worker threads that each claim, deliver and claim again while work is due, and only then wait. Sends wait on the SMS
 * gateway or SMTP server, so several workers keep the gateway busy while one waits for an answer. Stopping stops the
 * claims and gives in-flight sends {@code shutdownTimeout} to finish; a send cut off after that is retried by any
 * instance once its lease runs out.
 */
public class DeliveryWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorkers.class);

    private final DueDeliveries due;
    private final DeliveringNotifications delivering;
    private final int workers;
    private final Duration pauseAfterFailure;
    private final Duration shutdownTimeout;
    private volatile boolean running;
    private volatile CountDownLatch stopping;
    private ExecutorService threads;

    /**
     * @param pauseAfterFailure how long a worker waits after claiming failed (e.g. the database is unreachable)
     */
    public DeliveryWorkers(DueDeliveries due, DeliveringNotifications delivering, int workers,
                           Duration pauseAfterFailure, Duration shutdownTimeout) {
        if (workers < 1) {
            throw new IllegalArgumentException("at least one delivery worker is needed, not " + workers);
        }
        this.due = due;
        this.delivering = delivering;
        this.workers = workers;
        this.pauseAfterFailure = pauseAfterFailure;
        this.shutdownTimeout = shutdownTimeout;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        stopping = new CountDownLatch(1);
        running = true;
        threads = Executors.newFixedThreadPool(workers, named());
        for (int i = 0; i < workers; i++) {
            threads.execute(this::work);
        }
        log.info("{} delivery workers started", workers);
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        stopping.countDown();
        due.releaseWaiting(workers);
        threads.shutdown();
        try {
            if (!threads.awaitTermination(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("deliveries still sending after {}: interrupted, they are retried after their lease",
                        shutdownTimeout);
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void work() {
        while (running) {
            try {
                Optional<Deliveries.Claimed> claimed = due.next();
                if (claimed.isPresent()) {
                    delivering.deliver(claimed.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("claiming a due delivery failed, trying again in {}", pauseAfterFailure, e);
                if (!pause()) {
                    return;
                }
            }
        }
    }

    /** @return false if interrupted */
    private boolean pause() {
        try {
            stopping.await(pauseAfterFailure.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static ThreadFactory named() {
        AtomicInteger number = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "delivery-worker-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
