package de.nachruecker.faulttest;

import de.nachruecker.platform.ChildProcess;
import de.nachruecker.platform.KafkaBroker;
import de.nachruecker.platform.ServiceInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Two tracks of faults running side by side while the load flows. Services: kill -9 of every instance (the pair of
 * allocation instances included) and a kill -STOP / -CONT of one, each followed by a restart and a wait until it is
 * healthy again. Brokers: kill -9 of one node at a time, restarted on its data directory, and the next only once
 * every partition is fully replicated again, so the quorum and the in-sync minimum always hold. CI mode does each
 * fault once; soak mode keeps drawing random faults until the soak is over.
 */
final class FaultInjector implements AutoCloseable {

    /** What happened, for the report. */
    record Fault(Duration at, String action, String target, Duration took) {
        @Override
        public String toString() {
            return String.format("+%4ds %-10s %-22s back after %ds", at.toSeconds(), action, target, took.toSeconds());
        }
    }

    private static final Duration PAUSE = Duration.ofSeconds(15);
    private static final Duration BROKER_DOWN = Duration.ofSeconds(5);
    private static final Duration SERVICE_DOWN = Duration.ofSeconds(2);
    private static final Duration STORE_DOWN = Duration.ofSeconds(3);
    /** Into the load before the database server's kill: releases, offers, answers and registrations under way. */
    private static final Duration STORE_KILL_AFTER = Duration.ofSeconds(10);
    private static final Duration BETWEEN_FAULTS = Duration.ofSeconds(5);

    private final FaultPlatform platform;
    private final Random random;
    private final Instant started = Instant.now();
    private final List<Fault> faults = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService tracks = Executors.newFixedThreadPool(2);
    private final List<Future<?>> running = new ArrayList<>();

    FaultInjector(FaultPlatform platform, long seed) {
        this.platform = platform;
        this.random = new Random(seed);
    }

    /** Every service instance killed once, one paused, the database server and every broker killed once. */
    void startOneRound() {
        List<ServiceInstance> services = platform.services();
        ServiceInstance paused = services.get(random.nextInt(services.size()));
        running.add(tracks.submit(track(() -> {
            pause(paused);
            for (ServiceInstance service : services) {
                kill(service);
            }
        })));
        running.add(tracks.submit(track(() -> {
            // first, while every service is up (one paused): a service restarting meanwhile would wait for it
            Thread.sleep(STORE_KILL_AFTER.toMillis());
            killStore();
            for (KafkaBroker broker : platform.brokers()) {
                kill(broker);
            }
        })));
    }

    /** Random faults on both tracks until {@code until}. */
    void startRandomUntil(Instant until) {
        List<ServiceInstance> services = platform.services();
        List<KafkaBroker> brokers = platform.brokers();
        running.add(tracks.submit(track(() -> {
            while (Instant.now().isBefore(until)) {
                ServiceInstance service = services.get(random.nextInt(services.size()));
                if (random.nextInt(4) == 0) {
                    pause(service);
                } else {
                    kill(service);
                }
            }
        })));
        running.add(tracks.submit(track(() -> {
            while (Instant.now().isBefore(until)) {
                if (random.nextInt(4) == 0) {
                    killStore();
                } else {
                    kill(brokers.get(random.nextInt(brokers.size())));
                }
            }
        })));
    }

    /**
     * Waits for both tracks and returns what went wrong on them (a process that did not come back), so that the run
     * still checks and reports the invariants before it fails.
     */
    List<String> awaitDone(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        List<String> failures = new ArrayList<>();
        for (Future<?> track : running) {
            try {
                track.get(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                failures.add("fault track stopped: " + e.getCause().getMessage());
            } catch (TimeoutException e) {
                track.cancel(true);
                failures.add("fault track did not finish within " + timeout);
            }
        }
        return failures;
    }

    private void kill(ServiceInstance service) throws Exception {
        Instant at = Instant.now();
        service.process().kill();
        Thread.sleep(SERVICE_DOWN.toMillis());
        service.restart();
        service.awaitHealthy(platform.http(), FaultPlatform.START_TIMEOUT);
        record(at, "kill -9", service.name());
    }

    private void pause(ServiceInstance service) throws Exception {
        Instant at = Instant.now();
        ChildProcess process = service.process();
        process.pause();
        Thread.sleep(PAUSE.toMillis());
        process.resume();
        service.awaitHealthy(platform.http(), FaultPlatform.START_TIMEOUT);
        record(at, "STOP/CONT", service.name());
    }

    private void kill(KafkaBroker broker) throws Exception {
        Instant at = Instant.now();
        broker.process().kill();
        Thread.sleep(BROKER_DOWN.toMillis());
        broker.restart(FaultPlatform.START_TIMEOUT);
        platform.kafka().awaitFullyReplicated(FaultPlatform.START_TIMEOUT);
        record(at, "kill -9", broker.name());
    }

    /**
     * kill -9 of the database server under load, then started again on its file: every service loses its database
     * for a few seconds, and what the server acknowledged before must all be there afterwards.
     */
    private void killStore() throws Exception {
        Instant at = Instant.now();
        platform.mongo().kill();
        Thread.sleep(STORE_DOWN.toMillis());
        platform.mongo().start(FaultPlatform.START_TIMEOUT);
        for (ServiceInstance service : platform.services()) {
            service.awaitHealthy(platform.http(), FaultPlatform.START_TIMEOUT);
        }
        record(at, "kill -9", "mongo");
    }

    private void record(Instant at, String action, String target) throws InterruptedException {
        Fault fault = new Fault(Duration.between(started, at), action, target, Duration.between(at, Instant.now()));
        faults.add(fault);
        Progress.write("[faults] " + fault);
        Thread.sleep(BETWEEN_FAULTS.toMillis());
    }

    private static Callable<Void> track(FaultSequence sequence) {
        return () -> {
            sequence.run();
            return null;
        };
    }

    List<Fault> faults() {
        return List.copyOf(faults);
    }

    long count(String action) {
        return faults().stream().filter(f -> f.action().equals(action)).count();
    }

    @Override
    public void close() {
        tracks.shutdownNow();
    }

    @FunctionalInterface
    private interface FaultSequence {
        void run() throws Exception;
    }
}
