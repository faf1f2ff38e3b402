package de.nachruecker.load.bench;

import de.nachruecker.events.Topics;
import de.nachruecker.load.MarkdownReport;
import de.nachruecker.load.ToolOptions;
import de.nachruecker.load.http.PlatformHttp;
import de.nachruecker.load.kafka.ConsumerGroupLag;
import de.nachruecker.load.kafka.RawKafka;
import de.nachruecker.load.platform.Platform;
import de.nachruecker.load.stats.LatencySummary;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Registration intake through the REST API as citizens use it: {@code POST /api/registrations} from
 * {@code --clients} concurrent clients until {@code --registrations} are accepted, then until allocation-service has
 * consumed every {@code CandidateRegistered} (its consumer group has committed the end of {@code candidates}): the
 * pool holds them. Raw Kafka throughput on the same broker in the same run. Each registration also sends a
 * verification SMS, which the stand-in gateway receives.
 *
 * <p>Options: {@code --registrations=5000 --clients=16 --raw-throughput-records=200000
 * --work-dir=load-tools/target/intake}, plus those of {@link Platform}.
 */
public final class IntakeBenchmark {

    private static final String[] CENTRES = {"korbach", "kassel", "fulda", "giessen", "frankfurt"};

    private IntakeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ToolOptions options = ToolOptions.parse(args);
        int registrations = options.integer("registrations", 5000);
        int clients = options.integer("clients", 16);
        int rawRecords = options.integer("raw-throughput-records", 200_000);
        PlatformHttp http = new PlatformHttp(options);
        try (Platform platform = Platform.open(options, options.path("work-dir", "load-tools/target/intake"),
                Map.of())) {
            options.refuseUnknown();
            MarkdownReport report = new MarkdownReport();
            String url = platform.endpoints().registration() + "/api/registrations";
            List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
            Map<Integer, Integer> statuses = Collections.synchronizedMap(new TreeMap<>());
            Semaphore slots = new Semaphore(clients);
            log(registrations + " registrations from " + clients + " clients");
            List<CompletableFuture<?>> sent = new ArrayList<>();
            RunCost cost = RunCost.start(platform);
            long start = System.nanoTime();
            try (MemorySampler memory = new MemorySampler(platform)) {
                for (int i = 1; i <= registrations; i++) {
                    slots.acquire();
                    long requestStart = System.nanoTime();
                    sent.add(http.post(url, registration(i)).whenComplete((response, error) -> {
                        slots.release();
                        statuses.merge(error == null ? response.statusCode() : -1, 1, Integer::sum);
                        if (error == null && response.statusCode() == 201) {
                            latencies.add((System.nanoTime() - requestStart) / 1e6);
                        } else if (statuses.values().stream().mapToInt(Integer::intValue).sum() - latencies.size()
                                == 1) {
                            log("first refused registration: " + describe(response, error));
                        }
                    }));
                }
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
                double accepting = (System.nanoTime() - start) / 1e9;
                try (ConsumerGroupLag lag = new ConsumerGroupLag(platform.endpoints().bootstrapServers())) {
                    lag.awaitCaughtUp("allocation-service", Topics.CANDIDATES.name(), Duration.ofMinutes(10));
                }
                double pooled = (System.nanoTime() - start) / 1e9;
                RunCost.Window window = cost.end(platform);
                int accepted = latencies.size();
                report.line("- %d registrations from %d concurrent clients; answers by status: %s", registrations,
                        clients, statuses)
                        .line("")
                        .line("| latency (ms) | n | p50 | p90 | p99 | max |")
                        .line("|---|---|---|---|---|---|")
                        .latency("POST /api/registrations → 201", LatencySummary.of(latencies))
                        .line("")
                        .line("- **intake: %.0f registrations/s accepted** (%d in %.1f s); **%.0f registrations/s "
                                + "until the pool holds them** (allocation-service consumed all %.1f s after the "
                                + "first request)", accepted / accepting, accepted, accepting, accepted / pooled,
                                pooled)
                        .memory("peak during intake", memory.peak());
                window.report(report, "registration", accepted);
            }
            log("raw Kafka throughput, " + rawRecords + " records");
            RawKafka.Throughput kafka = new RawKafka(platform.endpoints().bootstrapServers()).throughput(rawRecords);
            report.line("- raw Kafka (same broker, after the intake): produce %.0f records/s, consume %.0f records/s "
                    + "(%d × 300 B)", kafka.producedPerSecond(), kafka.consumedPerSecond(), kafka.count());
            report.print();
        }
    }

    /** A valid, distinct adult per index: the duplicate checks compare phone and name + birth date. */
    private static Map<String, Object> registration(int index) {
        return Map.of(
                "name", "Intake " + lettersOf(index) + " Lasttest",
                "birthDate", LocalDate.of(1940, 1, 1).plusDays(index % 20_000).toString(),
                "phone", String.format("+49151%08d", index),
                "language", "de",
                "priorityGroup", "GENERAL",
                "centreIds", List.of(CENTRES[index % CENTRES.length]),
                "maxTravelMinutes", 30,
                "consent", true);
    }

    private static String lettersOf(int index) {
        StringBuilder letters = new StringBuilder();
        int rest = index;
        do {
            letters.append((char) ('a' + rest % 26));
            rest /= 26;
        } while (rest > 0);
        return Character.toUpperCase(letters.charAt(0)) + letters.substring(1);
    }

    private static String describe(HttpResponse<String> response, Throwable error) {
        return error != null ? error.toString() : response.statusCode() + " " + response.body();
    }

    private static void log(String line) {
        System.out.println("[load-tools] " + line);
    }
}
