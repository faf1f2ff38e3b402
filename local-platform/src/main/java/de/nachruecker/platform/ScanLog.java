package de.nachruecker.platform;

import de.bwaldvogel.mongo.bson.Document;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The embedded database's slow-query log: filters that no index answered on a large collection, counted by
 * collection and the filter's field names (never its values, which may be personal data) and printed once a minute.
 * The embedded server scans for every such filter, so this is where its time goes under load.
 */
final class ScanLog {

    /** Collections smaller than this are cheap to scan. */
    static final int LARGE = 1_000;
    private static final Duration EVERY = Duration.ofMinutes(1);

    private static final Map<String, LongAdder> SCANS = new ConcurrentHashMap<>();

    private ScanLog() {
    }

    static void record(String collection, Document filter) {
        SCANS.computeIfAbsent(collection + " " + filter.keySet(), shape -> new LongAdder()).increment();
    }

    /** Prints and resets the counts every minute until the JVM ends. */
    static void start() {
        ScheduledExecutorService printer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "scan-log");
            thread.setDaemon(true);
            return thread;
        });
        printer.scheduleAtFixedRate(ScanLog::print, EVERY.toSeconds(), EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    private static void print() {
        Map<String, Long> last = new TreeMap<>();
        SCANS.forEach((shape, count) -> last.put(shape, count.sumThenReset()));
        last.values().removeIf(count -> count == 0);
        if (!last.isEmpty()) {
            System.out.println("full scans of collections with " + LARGE + "+ documents in the last minute: " + last);
        }
    }
}
