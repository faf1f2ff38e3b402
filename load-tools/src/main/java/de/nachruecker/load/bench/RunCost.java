package de.nachruecker.load.bench;

import de.nachruecker.load.MarkdownReport;
import de.nachruecker.load.kafka.TopicRecords;
import de.nachruecker.load.platform.Platform;
import de.nachruecker.load.platform.PlatformCpu;
import de.nachruecker.load.store.DatabaseOperations;
import de.nachruecker.load.store.StoreFloor;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a window of the run cost the platform, from the processes' and the servers' own counters: CPU per process
 * ({@code /proc}), database commands per client and command (the database server's counts) and records per topic
 * (the broker's end offsets), each divided by the units of work the window did (offers, registrations).
 */
final class RunCost {

    private final Optional<Map<String, Double>> cpu;
    private final Map<String, Map<String, DatabaseOperations.Count>> operations;
    private final Map<String, Map<String, DatabaseOperations.Count>> collections;
    private final Map<String, Long> records;
    private final long startedNanos;

    private RunCost(Optional<Map<String, Double>> cpu, Map<String, Map<String, DatabaseOperations.Count>> operations,
                    Map<String, Map<String, DatabaseOperations.Count>> collections, Map<String, Long> records,
                    long startedNanos) {
        this.cpu = cpu;
        this.operations = operations;
        this.collections = collections;
        this.records = records;
        this.startedNanos = startedNanos;
    }

    /** The counters now: the start of a window. */
    static RunCost start(Platform platform) throws Exception {
        String mongoUri = platform.endpoints().mongoUri();
        return new RunCost(platform.cpu(), DatabaseOperations.read(mongoUri),
                DatabaseOperations.readByCollection(mongoUri),
                TopicRecords.read(platform.endpoints().bootstrapServers()), System.nanoTime());
    }

    /** What happened since {@link #start}. */
    Window end(Platform platform) throws Exception {
        Optional<Map<String, Double>> cpuNow = platform.cpu();
        String mongoUri = platform.endpoints().mongoUri();
        Map<String, Map<String, DatabaseOperations.Count>> operationsNow = DatabaseOperations.read(mongoUri);
        Map<String, Map<String, DatabaseOperations.Count>> collectionsNow =
                DatabaseOperations.readByCollection(mongoUri);
        Map<String, Long> recordsNow = TopicRecords.read(platform.endpoints().bootstrapServers());
        Map<String, Long> written = new TreeMap<>();
        recordsNow.forEach((topic, count) -> {
            long delta = count - records.getOrDefault(topic, 0L);
            if (delta > 0) {
                written.put(topic, delta);
            }
        });
        return new Window(Duration.ofNanos(System.nanoTime() - startedNanos),
                cpu.flatMap(before -> cpuNow.map(after -> PlatformCpu.between(before, after))),
                DatabaseOperations.between(operations, operationsNow),
                DatabaseOperations.between(collections, collectionsNow), written);
    }

    /** The costs of one window. */
    record Window(Duration length, Optional<Map<String, Double>> cpuMillis,
                  Map<String, Map<String, DatabaseOperations.Count>> operations,
                  Map<String, Map<String, DatabaseOperations.Count>> collections, Map<String, Long> records) {

        /** CPU milliseconds of the platform's processes (the load tool left out). */
        double platformCpuMillis() {
            return cpuMillis.orElse(Map.of()).entrySet().stream()
                    .filter(entry -> !entry.getKey().equals(PlatformCpu.LOAD_TOOL))
                    .mapToDouble(Map.Entry::getValue).sum();
        }

        long recordsWritten() {
            return records.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Database commands per unit by command name, all clients together. */
        Map<String, Double> commandsPer(long units) {
            Map<String, Double> perUnit = new TreeMap<>();
            operations.values().forEach(commands -> commands.forEach((command, count) ->
                    perUnit.merge(command, count.commands() / (double) units, Double::sum)));
            return perUnit;
        }

        void report(MarkdownReport report, String unit, long units) {
            report.line("").line("Cost per %s over %.0f s (from the start of the load until it was drained; %d %ss "
                    + "made in it):", unit, length.toMillis() / 1e3, units, unit);
            if (units == 0) {
                report.line("- no %s in the window", unit);
                return;
            }
            if (cpuMillis.isPresent()) {
                report.line("").line("| process | CPU s | CPU ms per %s |", unit).line("|---|---|---|");
                cpuMillis.get().forEach((part, millis) -> {
                    if (!part.equals(PlatformCpu.LOAD_TOOL)) {
                        report.line("| %s | %.1f | %.2f |", part, millis / 1e3, millis / units);
                    }
                });
                double total = platformCpuMillis();
                report.line("| **platform, all processes** | **%.1f** | **%.2f** (target ≤ 5) |", total / 1e3,
                        total / units);
                double tool = cpuMillis.get().getOrDefault(PlatformCpu.LOAD_TOOL, 0.0);
                report.line("| load tool (not the platform) | %.1f | %.2f |", tool / 1e3, tool / units);
                report.line("").line("- CPU of the platform and the tool: %.0f %% of the %d cores over the window",
                        100 * (total + tool) / (length.toMillis() * Runtime.getRuntime().availableProcessors()),
                        Runtime.getRuntime().availableProcessors());
            } else {
                report.line("- CPU: not measured (attached without --platform-pid)");
            }
            if (operations.isEmpty()) {
                report.line("- database operations: not counted (the server keeps no `opcountersByClient`)");
            } else {
                report.line("").line("| database client | command | round trips | per %s | documents |", unit)
                        .line("|---|---|---|---|---|");
                operations.forEach((client, commands) -> commands.forEach((command, count) ->
                        report.line("| %s | %s | %d | %.2f | %d |", client, command, count.commands(),
                                count.commands() / (double) units, count.documents())));
                long all = DatabaseOperations.commands(operations);
                report.line("| **all clients** | | **%d** | **%.2f** (target ≤ 3) | |", all, all / (double) units);
                reportCollections(report, unit, units);
            }
            Map<String, String> topics = new LinkedHashMap<>();
            records.forEach((topic, count) -> topics.put(topic, String.format("%s %.2f", topic,
                    count / (double) units)));
            report.line("").line("- broker: %d records written, **%.2f per %s** (%s)", recordsWritten(),
                    recordsWritten() / (double) units, unit, String.join(", ", topics.values()));
        }

        /** Where each client's round trips go, by collection and command; those under 0.01 per unit left out. */
        private void reportCollections(MarkdownReport report, String unit, long units) {
            if (collections.isEmpty()) {
                return;
            }
            report.line("").line("| database client | collection and command | per %s | documents per %s |", unit, unit)
                    .line("|---|---|---|---|");
            collections.forEach((client, targets) -> targets.entrySet().stream()
                    .filter(target -> target.getValue().commands() / (double) units >= 0.01)
                    .sorted(Map.Entry.comparingByValue(
                            Comparator.comparingLong(DatabaseOperations.Count::commands).reversed()))
                    .forEach(target -> report.line("| %s | %s | %.2f | %.2f |", client, target.getKey(),
                            target.getValue().commands() / (double) units,
                            target.getValue().documents() / (double) units)));
        }
    }

    /**
     * The floors: what the store alone and the broker alone could serve of this work, and the platform's rate as a
     * fraction of each.
     */
    static void reportFloors(MarkdownReport report, Window window, long units, String unit, double platformPerSecond,
                             Map<String, Double> storeRates, double brokerRecordsPerSecond) {
        report.line("").line("Floors (each part alone, on the platform's own servers after the load):").line("");
        StringBuilder rates = new StringBuilder();
        storeRates.forEach((command, rate) -> rates.append(String.format("%s %.0f/s, ", command, rate)));
        if (storeRates.isEmpty()) {
            report.line("- store alone: not measured (`--store-floor-documents=0`)");
        } else {
            report.line("- store alone (%s; single-document round trips, 8 client threads): %s", "the platform's "
                    + "database server", rates.substring(0, rates.length() - 2));
        }
        if (units > 0 && !window.operations().isEmpty() && !storeRates.isEmpty()) {
            double storeOffers = StoreFloor.offersPerSecond(window.commandsPer(units), storeRates);
            report.line("- **store floor: %.0f %ss/s** at this run's %.2f round trips per %s; the platform made "
                    + "%.1f/s = **%.2f of the store floor** (%.1f× below it)", storeOffers, unit,
                    DatabaseOperations.commands(window.operations()) / (double) units, unit, platformPerSecond,
                    platformPerSecond / storeOffers, storeOffers / platformPerSecond);
        }
        if (units > 0 && window.recordsWritten() > 0 && brokerRecordsPerSecond > 0) {
            double brokerOffers = brokerRecordsPerSecond / (window.recordsWritten() / (double) units);
            report.line("- **broker floor: %.0f %ss/s** (raw produce %.0f records/s ÷ %.2f records per %s); the "
                    + "platform made %.1f/s = **%.3f of the broker floor** (%.0f× below it)", brokerOffers, unit,
                    brokerRecordsPerSecond, window.recordsWritten() / (double) units, unit, platformPerSecond,
                    platformPerSecond / brokerOffers, brokerOffers / platformPerSecond);
        }
    }
}
