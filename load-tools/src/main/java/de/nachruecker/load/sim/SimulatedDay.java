package de.nachruecker.load.sim;

import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.events.offer.DosesExpired;
import de.nachruecker.events.offer.OfferEvent;
import de.nachruecker.events.offer.ReleaseFilled;
import de.nachruecker.load.MarkdownReport;
import de.nachruecker.load.ToolOptions;
import de.nachruecker.load.http.PlatformHttp;
import de.nachruecker.load.http.SmsGatewayStandIn;
import de.nachruecker.load.kafka.CandidateSeeder;
import de.nachruecker.load.kafka.OfferEventRecorder;
import de.nachruecker.load.platform.Platform;
import de.nachruecker.load.pool.PoolGenerator;
import de.nachruecker.load.pool.SeededCandidate;
import de.nachruecker.load.stats.LatencySummary;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Replays a day ({@link Scenario}) against the real services, compressed in time: seeds the pool, sets a prioritised
 * rule set through the ops API, publishes the day's releases through slot-service as the centres' staff, answers
 * offers through registration-service as the candidates would, and reports doses used before expiry, time to fill,
 * priority inversions, offers per dose and "travelled for nothing".
 *
 * <p>Options: {@code --scenario=load-tools/scenarios/reference-day.json --work-dir=load-tools/target/simulated-day};
 * {@code --candidates=N} overrides the scenario's pool size (seeding is the slow part on a small machine);
 * attached to a running platform also {@code --centres=a,b,c} (ids of its catalogue); plus those of {@link Platform}
 * and {@link PlatformHttp}.
 */
public final class SimulatedDay {

    private static final Duration INVERSION_GRACE = Duration.ofSeconds(2);

    private SimulatedDay() {
    }

    public static void main(String[] args) throws Exception {
        ToolOptions options = ToolOptions.parse(args);
        Path scenarioFile = options.path("scenario", "load-tools/scenarios/reference-day.json");
        Scenario scenario = Scenario.read(scenarioFile);
        if (options.has("candidates")) {
            scenario = scenario.withCandidates(options.integer("candidates", scenario.candidates()));
        }
        Path workDir = options.path("work-dir", "load-tools/target/simulated-day");
        Files.createDirectories(workDir);
        List<String> centres = options.has("centres")
                ? Arrays.asList(options.text("centres", "").split(","))
                : IntStream.rangeClosed(1, scenario.centres()).mapToObj(n -> String.format("sim-%02d", n)).toList();
        Path catalogue = writeCatalogue(workDir, centres);
        PlatformHttp http = new PlatformHttp(options);
        try (Platform platform = Platform.open(options, workDir,
                Map.of("NACHRUECKER_CENTRES_RESOURCE", "file:" + catalogue))) {
            options.refuseUnknown();
            new SimulatedDay().run(scenario, scenarioFile, centres, platform, http);
        }
    }

    private void run(Scenario scenario, Path scenarioFile, List<String> centres, Platform platform, PlatformHttp http)
            throws Exception {
        setRules(scenario, platform, http);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<SeededCandidate> pool = new PoolGenerator(scenario.seed(), scenario.population(), centres,
                scenario::compressedMinutes).generate(scenario.candidates(), Instant.now(), today);
        log("seeding " + pool.size() + " verified candidates through Kafka");
        Duration seeding = new CandidateSeeder(platform.endpoints().bootstrapServers(), platform.endpoints().mongoUri())
                .seed(pool, Duration.ofMinutes(20));
        log("pool loaded in " + seeding.toSeconds() + " s");

        List<ReleasePlan.PlannedRelease> plan = ReleasePlan.of(scenario, centres);
        SimClock clock = new SimClock(Instant.now().plusSeconds(2), scenario.compression());
        List<RunRelease> released = Collections.synchronizedList(new ArrayList<>());
        Map<String, String> byPhone = pool.stream()
                .collect(Collectors.toMap(SeededCandidate::phone, SeededCandidate::id));
        SmsGatewayStandIn gateway = new SmsGatewayStandIn(http, platform.endpoints().smsGateway());
        try (OfferEventRecorder offers = new OfferEventRecorder(platform.endpoints().bootstrapServers());
             AnsweringCandidates candidates = new AnsweringCandidates(http, platform.endpoints().registration(),
                     gateway, byPhone, scenario.answers(), clock, scenario.seed() + 2)) {
            candidates.start();
            log(plan.size() + " releases over " + scenario.hours() + " h, compressed " + scenario.compression()
                    + "× into " + clock.real(Duration.ofHours(scenario.hours())).toSeconds() + " s");
            Instant lastUsableUntil = publishAll(plan, clock, platform.endpoints().slot(), http, released);
            awaitSettled(released, offers, lastUsableUntil.plusSeconds(30));
            DayReport report = DayReport.of(List.copyOf(released), offers.events(), pool,
                    candidates.toldConfirmed(), new PriorityInversions(pool,
                            scenario.rules().minAgeByProduct(), today, INVERSION_GRACE), clock);
            print(scenario, scenarioFile, report, candidates.outcomes(), seeding, plan.size() - released.size());
        }
    }

    private static void setRules(Scenario scenario, Platform platform, PlatformHttp http) throws Exception {
        Map<String, Object> rules = new LinkedHashMap<>();
        rules.put("openGroups", EnumSet.allOf(PriorityGroup.class));
        rules.put("prioritised", true);
        rules.put("minAgeByProduct", scenario.rules().minAgeByProduct());
        rules.put("responseWindowMinutes", scenario.compressedMinutes(scenario.rules().responseWindowMinutes()));
        rules.put("minResponseWindowMinutes",
                scenario.compressedMinutes(scenario.rules().minResponseWindowMinutes()));
        rules.put("maxTravelMinutes", 600);
        rules.put("comment", "simulated day " + scenario.name() + ", compressed " + scenario.compression() + "×");
        HttpResponse<String> response = http.putAsStaff(platform.endpoints().allocation() + "/api/ops/rules", rules);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("the ops API refused the day's rules: " + response.statusCode() + " "
                    + response.body());
        }
    }

    /** @return the latest usable-until of the day */
    private static Instant publishAll(List<ReleasePlan.PlannedRelease> plan, SimClock clock, String slotUrl,
                                      PlatformHttp http, List<RunRelease> released) throws InterruptedException {
        Instant lastUsableUntil = Instant.now();
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (ReleasePlan.PlannedRelease planned : plan) {
            long wait = Duration.between(Instant.now(), clock.realAt(planned.at())).toMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            Instant now = Instant.now();
            Instant usableUntil = now.plus(clock.real(planned.timeLeft()));
            lastUsableUntil = usableUntil.isAfter(lastUsableUntil) ? usableUntil : lastUsableUntil;
            Map<String, Object> release = Map.of("centreId", planned.centreId(), "product", planned.product(),
                    "doseCount", planned.doses(),
                    "window", Map.of("from", now.toString(), "to", usableUntil.toString()),
                    "usableUntil", usableUntil.toString());
            sent.add(http.postAsStaff(slotUrl + "/api/releases", release).thenAccept(response -> {
                if (response.statusCode() == 201) {
                    released.add(new RunRelease(http.read(response, Created.class).id(), planned.centreId(),
                            planned.product(), planned.doses(), Instant.now()));
                } else {
                    log("release refused: " + response.statusCode() + " " + response.body());
                }
            }));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        return lastUsableUntil;
    }

    record Created(String id) {
    }

    /** Until every release is filled or reported expired, or the last vial is past its time. */
    private static void awaitSettled(List<RunRelease> released, OfferEventRecorder offers, Instant deadline)
            throws InterruptedException {
        Set<String> open;
        do {
            Thread.sleep(2000);
            Set<String> settled = new HashSet<>();
            for (OfferEvent event : offers.events()) {
                if (event instanceof ReleaseFilled || event instanceof DosesExpired) {
                    settled.add(event.releaseId());
                }
            }
            open = released.stream().map(RunRelease::releaseId).filter(id -> !settled.contains(id))
                    .collect(Collectors.toSet());
            log(open.size() + " of " + released.size() + " releases still open");
        } while (!open.isEmpty() && Instant.now().isBefore(deadline));
    }

    private static void print(Scenario scenario, Path scenarioFile, DayReport report, Map<String, Integer> answers,
                              Duration seeding, int refused) {
        LatencySummary fill = report.timeToFillMinutes();
        MarkdownReport out = new MarkdownReport()
                .line("- scenario `%s` (%s): %d centres, %d candidates, %d doses over %d h, compressed %d×; run "
                        + "ended %s; pool seeded in %d s", scenario.name(), scenarioFile.getFileName(),
                        scenario.centres(), scenario.candidates(), scenario.releases().doses(), scenario.hours(),
                        scenario.compression(), Instant.now(), seeding.toSeconds())
                .line("- releases: %d published (%d refused), %d not filled", report.releases(), refused,
                        report.releasesNotFilled())
                .line("- answers (answer → outcome): %s", answers)
                .line("")
                .line("| measure | result | target |")
                .line("|---|---|---|")
                .line("| doses used before expiry | %d of %d = **%.1f %%** (reported expired: %d) | ≥ 99 %% |",
                        report.dosesUsed(), report.dosesReleased(), 100 * report.usedShare(),
                        report.dosesExpiredReported())
                .line("| time to fill, median / p90 (minutes of the day) | **%.1f / %.1f** (%d filled releases) "
                        + "| median < 20 |", fill.p50(), fill.p90(), fill.count())
                .line("| priority inversions | **%d** | 0 |", report.inversions().size())
                .line("| offers per dose used | %.2f (%d offers) | |", report.offersPerDose(), report.offersMade())
                .line("| travelled for nothing | **%d** | 0 |", report.travelledForNothing());
        report.inversions().stream().limit(10).forEach(inversion -> out.line(
                "- inversion: release %s confirmed to %s while %s was free and not asked", inversion.releaseId(),
                inversion.confirmedCandidate(), inversion.skipped()));
        out.print();
    }

    private static Path writeCatalogue(Path workDir, List<String> centres) throws java.io.IOException {
        List<Map<String, Object>> entries = centres.stream().map(id -> Map.<String, Object>of("id", id,
                "name", "Simulationszentrum " + id, "town", "Simstadt " + id, "address", "Sim-Straße 1, Simstadt",
                "demo", true)).toList();
        Path file = workDir.resolve("centres-simulated.json");
        PlatformHttp.JSON.writeValue(file.toFile(), Map.of("description",
                "SIMULATED centres for the simulated day, not real places.", "centres", entries));
        return file;
    }

    private static void log(String line) {
        System.out.println("[load-tools] " + line);
    }
}
