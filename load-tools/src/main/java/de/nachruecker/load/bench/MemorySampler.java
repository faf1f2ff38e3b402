package de.nachruecker.load.bench;

import de.nachruecker.load.Threads;
import de.nachruecker.load.platform.Platform;
import de.nachruecker.load.platform.PlatformMemory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Samples the platform's memory once a second in the background and keeps the peak. */
final class MemorySampler implements AutoCloseable {

    private final AtomicReference<PlatformMemory.Sample> peak = new AtomicReference<>();
    private final Thread thread;

    MemorySampler(Platform platform) {
        thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                platform.memory().ifPresent(sample -> peak.accumulateAndGet(sample, PlatformMemory.Sample::max));
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "memory-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    Optional<PlatformMemory.Sample> peak() {
        return Optional.ofNullable(peak.get());
    }

    @Override
    public void close() {
        thread.interrupt();
        Threads.awaitEnd(thread, Duration.ofSeconds(5));
    }
}
