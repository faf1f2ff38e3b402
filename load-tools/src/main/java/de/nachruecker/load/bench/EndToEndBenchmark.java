package de.nachruecker.load.bench;

import de.nachruecker.events.offer.OfferEvent;
import de.nachruecker.events.offer.OfferMade;
import de.nachruecker.load.MarkdownReport;
import de.nachruecker.load.ToolOptions;
import de.nachruecker.load.http.PlatformHttp;
import de.nachruecker.load.http.SmsGatewayStandIn;
import de.nachruecker.load.kafka.CandidateSeeder;
import de.nachruecker.load.kafka.OfferEventRecorder;
import de.nachruecker.load.kafka.RawKafka;
import de.nachruecker.load.platform.Platform;
import de.nachruecker.load.pool.PoolGenerator;
import de.nachruecker.load.pool.PopulationMix;
import de.nachruecker.load.pool.SeededCandidate;
import de.nachruecker.load.store.StoreFloor;
import de.nachruecker.load.stats.LatencySummary;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;

/**
 * End to end on the local platform: a steady rate of one-dose releases POSTed to slot-service, latency from each 201
 * to the first offer SMS of that release at the SMS gateway stand-in; in the same run, on the same broker, the raw
 * Kafka three-hop latency at the same rate and raw Kafka throughput; allocation throughput (offers/s); memory.
 *
 * <p>The services have just started, so a warm-up at a lower rate runs first (the same paths: releases, offers,
 * SMS, raw Kafka) and is not measured; measuring the first minute after start measured the JIT compiler (a release's
 * first offer took 3–5 s for the first 30 s at 10 releases/s, then 40–60 ms).
 *
 * <p>Beside the latency it reports what an offer costs, from the counters of the processes and servers themselves
 * ({@link RunCost}): CPU per process, database round trips per client and command, broker records per topic; then the
 * floors, the store alone ({@link StoreFloor}) and the broker alone, and the platform's rate as a part of each.
 *
 * <p>Options: {@code --candidates=100000 --rate=100 --duration=60 --warmup=60 --warmup-rate=20 --drain-timeout=PT5M
 * --raw-throughput-records=200000 --store-floor-documents=2000 --work-dir=load-tools/target/e2e --centres=<the demo catalogue's ids>}, plus
 * those of {@link Platform} and {@link PlatformHttp}.
 */
public final class EndToEndBenchmark {

    private static final String DEMO_CENTRES =
            "korbach,kassel,fulda,giessen,frankfurt,darmstadt,wiesbaden,marburg,bad-hersfeld,schwalmstadt";

    private EndToEndBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ToolOptions options = ToolOptions.parse(args);
        int candidates = options.integer("candidates", 100_000);
        int rate = options.integer("rate", 100);
        Duration duration = options.duration("duration", Duration.ofSeconds(60));
        Duration warmup = options.duration("warmup", Duration.ofSeconds(60));
        int warmupRate = options.integer("warmup-rate", 20);
        Duration drainTimeout = options.duration("drain-timeout", Duration.ofMinutes(5));
        int rawRecords = options.integer("raw-throughput-records", 200_000);
        int storeFloorDocuments = options.integer("store-floor-documents", 2_000);
        List<String> centres = Arrays.asList(options.text("centres", DEMO_CENTRES).split(","));
        PlatformHttp http = new PlatformHttp(options);
        try (Platform platform = Platform.open(options, options.path("work-dir", "load-tools/target/e2e"), Map.of())) {
            options.refuseUnknown();
            MarkdownReport report = new MarkdownReport();
            report.line("- started %s, %d candidates, %d releases/s for %d s (after a warm-up of %d s at %d/s)",
                    Instant.now(), candidates, rate, duration.toSeconds(), warmup.toSeconds(), warmupRate);
            report.memory("at rest, empty pool", platform.memory());

            List<SeededCandidate> pool = new PoolGenerator(7, PopulationMix.typical(), centres,
                    IntUnaryOperator.identity()).generate(candidates, Instant.now(), LocalDate.now(ZoneOffset.UTC));
            log("seeding " + candidates + " verified candidates through Kafka");
            Duration seeding = new CandidateSeeder(platform.endpoints().bootstrapServers(), platform.endpoints().mongoUri())
                    .seed(pool, Duration.ofMinutes(15));
            report.line("- seeding: %d candidates (+ contacts) consumed by allocation and notification in %.1f s "
                    + "(%.0f candidates/s)", candidates, seeding.toMillis() / 1e3,
                    candidates / (seeding.toMillis() / 1e3));
            report.memory("at rest, pool loaded", platform.memory());

            RawKafka raw = new RawKafka(platform.endpoints().bootstrapServers());
            SmsGatewayStandIn sms = new SmsGatewayStandIn(http, platform.endpoints().smsGateway());
            try (OfferEventRecorder offers = new OfferEventRecorder(platform.endpoints().bootstrapServers());
                 MemorySampler memory = new MemorySampler(platform)) {
                if (!warmup.isZero()) {
                    warmUp(report, http, platform, centres, raw, offers, sms, warmupRate, warmup, drainTimeout);
                }
                log("load: " + rate + " releases/s for " + duration.toSeconds() + " s, raw Kafka alongside");
                ReleaseLoad load = new ReleaseLoad(http, platform.endpoints().slot(), centres);
                RunCost cost = RunCost.start(platform);
                Instant windowStart = Instant.now();
                LatencySummary kafkaFloor;
                // a run sends more SMS than the stand-in keeps: read them while they arrive
                Runnable stopReading = sms.keepReading(Duration.ofSeconds(5));
                try {
                    kafkaFloor = runBesideRawKafka(load, raw, rate, duration);
                } finally {
                    stopReading.run();
                }
                log("load sent: " + load.accepted().size() + " accepted, " + load.refused() + " refused; draining");
                Outcome outcome = drain(load.accepted(), offers, sms, drainTimeout);
                RunCost.Window window = cost.end(platform);
                // every offer made in the window, a backlog of the warm-up's included: the counters count its work too
                List<Instant> madeInWindow = offers.events().stream().filter(OfferMade.class::isInstance)
                        .map(OfferEvent::occurredAt).filter(at -> !at.isBefore(windowStart)).toList();
                report.memory("peak under load", memory.peak());
                outcome.report(report, load, kafkaFloor, rate);
                window.report(report, "offer", madeInWindow.size());
                // printed before the floors, which can take long on a starved broker
                report.print();
                floors(platform, raw, window, madeInWindow.size(), Outcome.perSecond(madeInWindow), rawRecords,
                        storeFloorDocuments);
            }
        }
    }

    /** The store alone and the broker alone, on the platform's own servers, and the platform as a part of each. */
    private static void floors(Platform platform, RawKafka raw, RunCost.Window window, int offersMade,
                               double offersPerSecond, int rawRecords, int storeFloorDocuments) throws Exception {
        Map<String, Double> storeRates = Map.of();
        if (storeFloorDocuments > 0) {
            log("store floor, " + storeFloorDocuments + " documents per command");
            storeRates = new StoreFloor(platform.endpoints().mongoUri(), 8, storeFloorDocuments).measure();
        }
        log("raw Kafka throughput, " + rawRecords + " records");
        MarkdownReport floors = new MarkdownReport();
        double brokerRecordsPerSecond = 0;
        try {
            RawKafka.Throughput kafka = raw.throughput(rawRecords);
            brokerRecordsPerSecond = kafka.producedPerSecond();
            floors.line("- raw Kafka (same broker, after the load): produce %.0f records/s, consume %.0f records/s "
                    + "(%d × 300 B, acks=all, idempotent, default batching)", kafka.producedPerSecond(),
                    kafka.consumedPerSecond(), kafka.count());
        } catch (IllegalStateException e) {
            floors.line("- raw Kafka throughput **not measured**: %s", e.getMessage());
        }
        RunCost.reportFloors(floors, window, offersMade, "offer", offersPerSecond, storeRates,
                brokerRecordsPerSecond);
        floors.print();
    }

    /** The same load at a lower rate, drained, reported and left out of the measurement. */
    private static void warmUp(MarkdownReport report, PlatformHttp http, Platform platform, List<String> centres,
                               RawKafka raw, OfferEventRecorder offers, SmsGatewayStandIn sms, int rate,
                               Duration duration, Duration drainTimeout) throws Exception {
        log("warm-up: " + rate + " releases/s for " + duration.toSeconds() + " s, raw Kafka alongside");
        ReleaseLoad load = new ReleaseLoad(http, platform.endpoints().slot(), centres);
        runBesideRawKafka(load, raw, rate, duration);
        Outcome warmedUp = drain(load.accepted(), offers, sms, drainTimeout);
        report.line("- warm-up (not measured): %d releases at %d/s for %d s, %d of them with their first offer SMS "
                + "before the measured load began", load.accepted().size(), rate, duration.toSeconds(),
                warmedUp.firstSms.size());
    }

    /** Runs the load and, at the same time and rate, the raw Kafka three hops; returns their latency. */
    private static LatencySummary runBesideRawKafka(ReleaseLoad load, RawKafka raw, int rate, Duration duration) {
        CompletableFuture<LatencySummary> rawLatency = CompletableFuture.supplyAsync(() -> {
            try {
                return raw.threeHopLatency(rate, duration);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        load.run(rate, duration);
        return rawLatency.join();
    }

    private static Outcome drain(List<ReleaseLoad.Accepted> accepted, OfferEventRecorder offers,
                                 SmsGatewayStandIn sms, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Outcome outcome;
        do {
            Thread.sleep(3000);
            outcome = Outcome.of(accepted, offers.events(), sms.messages());
            log(outcome.firstSms.size() + " of " + accepted.size() + " releases have their first offer SMS");
        } while (outcome.firstSms.size() < accepted.size() && Instant.now().isBefore(deadline));
        return outcome;
    }

    /** What the platform did with the run's releases. */
    private record Outcome(List<ReleaseLoad.Accepted> accepted, Map<String, Instant> firstOffer,
                           Map<String, Instant> firstSms, List<OfferMade> offersMade,
                           List<SmsGatewayStandIn.Sms> offerSms) {

        static Outcome of(List<ReleaseLoad.Accepted> accepted, List<OfferEvent> events,
                          List<SmsGatewayStandIn.Sms> messages) {
            Set<String> run = accepted.stream().map(ReleaseLoad.Accepted::releaseId).collect(Collectors.toSet());
            // the topic also holds the warm-up's offers; they decode tokens but are not counted
            List<OfferMade> all = events.stream().filter(OfferMade.class::isInstance).map(OfferMade.class::cast)
                    .toList();
            List<OfferMade> made = all.stream().filter(offer -> run.contains(offer.releaseId())).toList();
            Map<String, Instant> firstOffer = new HashMap<>();
            made.forEach(offer -> firstOffer.merge(offer.releaseId(), offer.occurredAt(), Outcome::earlier));
            OfferTokens tokens = new OfferTokens(all);
            Map<String, Instant> firstSms = new HashMap<>();
            List<SmsGatewayStandIn.Sms> offerSms = new ArrayList<>();
            for (SmsGatewayStandIn.Sms message : messages) {
                message.answerToken().flatMap(tokens::offerOf).filter(offer -> run.contains(offer.releaseId()))
                        .ifPresent(offer -> {
                    offerSms.add(message);
                    firstSms.merge(offer.releaseId(), message.receivedAt(), Outcome::earlier);
                });
            }
            return new Outcome(accepted, firstOffer, firstSms, made, offerSms);
        }

        private static Instant earlier(Instant a, Instant b) {
            return a.isBefore(b) ? a : b;
        }

        void report(MarkdownReport report, ReleaseLoad load, LatencySummary kafkaFloor, int rate) {
            List<Double> toOffer = new ArrayList<>();
            List<Double> toSms = new ArrayList<>();
            List<Double> http = new ArrayList<>();
            for (ReleaseLoad.Accepted release : accepted) {
                http.add(release.responseMillis());
                Instant offer = firstOffer.get(release.releaseId());
                if (offer != null) {
                    toOffer.add(Duration.between(release.acceptedAt(), offer).toNanos() / 1e6);
                }
                Instant sms = firstSms.get(release.releaseId());
                // a release still without its SMS when the run ends is later than any measured one
                toSms.add(sms == null ? Double.POSITIVE_INFINITY
                        : Duration.between(release.acceptedAt(), sms).toNanos() / 1e6);
            }
            LatencySummary pipeline = LatencySummary.of(toSms);
            report.line("")
                    .line("| latency (ms) | n | p50 | p90 | p99 | max |")
                    .line("|---|---|---|---|---|---|")
                    .latency("POST /api/releases → 201 (slot-service)", LatencySummary.of(http))
                    .latency("201 → first `OfferMade` written (allocation)", LatencySummary.of(toOffer))
                    .latency("**201 → first offer SMS at the gateway (end to end)**", pipeline)
                    .latency("raw Kafka, three hops, same broker, same time, " + rate + "/s", kafkaFloor)
                    .line("")
                    .line("- releases: %d accepted, %d refused; %d without an offer SMS when the run ended",
                            accepted.size(), load.refused(), accepted.size() - firstSms.size())
                    .line("- **end-to-end p99 / raw Kafka three-hop p99 = %s** (target ≤ 20×)",
                            Double.isInfinite(pipeline.p99()) ? "unbounded (over 1 % of the releases got no SMS "
                                    + "within the run)" : String.format(Locale.ROOT, "%.1f×",
                                    pipeline.p99() / kafkaFloor.p99()))
                    .line("- allocation: %d offers made, %.0f offers/s from first to last "
                            + "(demand: %d releases/s)", offersMade.size(), perSecond(offersMade.stream()
                            .map(OfferMade::occurredAt).toList()), rate)
                    .line("- notification: %d offer SMS, %.0f SMS/s from first to last", offerSms.size(),
                            perSecond(offerSms.stream().map(SmsGatewayStandIn.Sms::receivedAt).toList()));
        }

        static double perSecond(List<Instant> times) {
            if (times.size() < 2) {
                return Double.NaN;
            }
            Instant first = times.stream().min(Instant::compareTo).orElseThrow();
            Instant last = times.stream().max(Instant::compareTo).orElseThrow();
            return times.size() / (Duration.between(first, last).toMillis() / 1e3);
        }
    }

    private static void log(String line) {
        System.out.println("[load-tools] " + line);
    }
}
