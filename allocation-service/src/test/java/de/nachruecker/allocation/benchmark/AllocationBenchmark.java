package de.nachruecker.allocation.benchmark;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.nachruecker.allocation.AllocationProperties;
import de.nachruecker.allocation.metrics.AllocationMetrics;
import de.nachruecker.allocation.offer.application.BusyCandidates;
import de.nachruecker.allocation.offer.application.ClosingOffers;
import de.nachruecker.allocation.offer.application.MakingOffers;
import de.nachruecker.allocation.offer.application.OfferMessages;
import de.nachruecker.allocation.offer.application.OfferingDoses;
import de.nachruecker.allocation.offer.application.OffersForReleases;
import de.nachruecker.allocation.offer.model.Eligibility;
import de.nachruecker.allocation.offer.model.OfferContext;
import de.nachruecker.allocation.offer.model.OfferPlanner;
import de.nachruecker.allocation.offer.model.WaveSizingPolicy;
import de.nachruecker.allocation.offer.persistence.OfferStore;
import de.nachruecker.allocation.pool.model.CandidateIndex;
import de.nachruecker.allocation.pool.model.PoolCandidate;
import de.nachruecker.allocation.pool.persistence.CandidateDocument;
import de.nachruecker.allocation.pool.persistence.CandidateStore;
import de.nachruecker.allocation.release.model.Release;
import de.nachruecker.allocation.release.model.ReleaseLedger;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import de.nachruecker.allocation.release.application.WatchingVialClock;
import de.nachruecker.allocation.release.persistence.ReleaseLeases;
import de.nachruecker.allocation.release.persistence.ReleaseStore;
import de.nachruecker.allocation.rules.application.KeepingRules;
import de.nachruecker.allocation.rules.persistence.RuleSetStore;
import de.nachruecker.allocation.rules.model.RuleSet;
import de.nachruecker.events.EventCodec;
import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.events.release.AppointmentWindow;
import de.nachruecker.events.release.DosesReleased;
import de.nachruecker.support.centre.CentreCatalogue;
import de.nachruecker.support.outbox.OutboxRelay;
import de.nachruecker.support.personaldata.MessageSecrets;
import de.nachruecker.support.personaldata.PersonalDataCipher;
import de.nachruecker.support.personaldata.PersonalDataKeys;
import ch.qos.logback.classic.Level;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Not a test: measures candidate selection and the first wave of offers for pools of 10k, 100k and 1M candidates,
 * against the in-memory MongoDB-protocol server the platform runs on locally. Outbox publishing is left out (the
 * relay runs asynchronously after the write). Run it as documented in docs/benchmarks.md.
 */
public final class AllocationBenchmark {

    private static final Instant NOW = Instant.parse("2021-06-10T08:00:00Z");
    private static final List<String> CENTRES = List.of("korbach", "kassel", "fulda", "marburg", "giessen",
            "wiesbaden", "darmstadt", "offenbach", "hanau", "frankfurt");
    private static final int RELEASES = 100;
    private static final int SWEEPS = 10;

    private AllocationBenchmark() {
    }

    public static void main(String[] args) {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        int[] sizes = args.length == 0 ? new int[] {10_000, 100_000, 1_000_000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.printf(Locale.ROOT, "%-9s | %-14s | %-22s | %-30s | %-12s%n", "pool", "index rebuild",
                "selection p50/p99 (ms)", "first offer p50/p99/max (ms)", "offers/s");
        for (int size : sizes) {
            run(size);
        }
    }

    private static void run(int poolSize) {
        MongoServer server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        // database commands sent during the waves, by name: what an offer costs the store
        AtomicBoolean counting = new AtomicBoolean();
        Map<String, LongAdder> commands = new ConcurrentSkipListMap<>();
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + address.getPort()))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        if (counting.get()) {
                            commands.computeIfAbsent(event.getCommandName(), name -> new LongAdder()).increment();
                        }
                    }
                }).build();
        try (MongoClient client = MongoClients.create(settings)) {
            MongoTemplate mongo = new MongoTemplate(client, "benchmark");
            Random random = new Random(42);
            insertCandidates(mongo, poolSize, random);

            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            CandidateStore candidates = new CandidateStore(mongo);
            CandidateIndex index = new CandidateIndex();
            long rebuildStart = System.nanoTime();
            candidates.forEachPoolMember(candidate -> index.put(candidate.toPoolCandidate()));
            double rebuildMs = millis(System.nanoTime() - rebuildStart);

            KeepingRules rules = new KeepingRules(new RuleSetStore(mongo), clock);
            double[] selection = selection(index, rules.inForce(), random);

            // publishing is not part of what is measured: every relay becomes a no-op
            ThreadPoolTaskExecutor noRelays = new ThreadPoolTaskExecutor();
            noRelays.setTaskDecorator(task -> () -> { });
            noRelays.initialize();
            OutboxRelay relay = new OutboxRelay(mongo, null, List.of(noRelays), List.of(), new SimpleMeterRegistry());
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            // the service publishes histograms for Prometheus; the benchmark reads p50/p99 in the process
            meters.config().meterFilter(new MeterFilter() {
                @Override
                public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                    return DistributionStatisticConfig.builder().percentiles(0.5, 0.99).build().merge(config);
                }
            });
            AllocationProperties properties = new AllocationProperties(0.5, 4, 50, Duration.ofMinutes(30),
                    Duration.ofMinutes(2), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(10),
                    List.of("COMIRNATY"));
            ReleaseLeases leases = new ReleaseLeases(mongo, clock, properties);
            ReleaseStore releases = new ReleaseStore(mongo, relay, leases);
            CentreCatalogue catalogue = CentreCatalogue.load(new ClassPathResource("catalogue/centres-demo.json"));
            OfferStore offerStore = new OfferStore(mongo, relay);
            OfferMessages messages = new OfferMessages(new EventCodec(), catalogue, new MessageSecrets(
                    PersonalDataKeys.on(client, PersonalDataKeys.DEFAULT_DATABASE, null).messageKeys(),
                    new PersonalDataCipher()));
            AllocationMetrics metrics = new AllocationMetrics(meters, catalogue, properties);
            BusyCandidates busy = new BusyCandidates();
            ClosingOffers closing = new ClosingOffers(offerStore, candidates, releases, index, messages, metrics, busy,
                    clock);
            MakingOffers making = new MakingOffers(candidates, leases, offerStore, releases, index, busy, closing,
                    messages, metrics, new SecureRandom(), clock);
            OfferingDoses offering = new OfferingDoses(releases, leases, index, rules,
                    new OfferPlanner(Eligibility.standard()), new WaveSizingPolicy(0.5, 4, 50), busy, making, metrics,
                    clock);
            long offers = 0;
            long wavesNanos = 0;
            counting.set(true);
            for (int i = 0; i < RELEASES; i++) {
                String releaseId = "bench-" + i;
                long started = System.nanoTime();
                ReleaseLedger created = releases.create(new DosesReleased(UUID.randomUUID(), NOW, releaseId,
                        CENTRES.get(random.nextInt(CENTRES.size())), "COMIRNATY", 6,
                        new AppointmentWindow(NOW, NOW.plus(Duration.ofHours(4))), NOW.plus(Duration.ofHours(6))),
                        NOW).orElseThrow();
                offers += offering.firstWave(created, started);
                wavesNanos += System.nanoTime() - started;
            }
            counting.set(false);
            long sent = commands.values().stream().mapToLong(LongAdder::sum).sum();
            System.out.printf(Locale.ROOT, "database commands per offer: %.2f (%s over %d offers)%n",
                    sent / (double) offers, commands, offers);
            // the vial clock's sweeps over these releases, each offered as much as the sizing wants: what an open
            // release costs the store every sweep-interval while nobody answers
            WatchingVialClock vialClock = new WatchingVialClock(releases, new OffersForReleases(offering, closing),
                    new EventCodec(), metrics, properties, clock);
            commands.clear();
            counting.set(true);
            for (int sweep = 0; sweep < SWEEPS; sweep++) {
                vialClock.watch();
            }
            counting.set(false);
            long swept = commands.values().stream().mapToLong(LongAdder::sum).sum();
            System.out.printf(Locale.ROOT, "database commands per open release and sweep: %.2f (%s over %d sweeps "
                    + "of %d releases)%n", swept / (double) (SWEEPS * RELEASES), commands, SWEEPS, RELEASES);
            noRelays.shutdown(); // its thread is not a daemon: the JVM would not end
            var latency = meters.get("allocation.release.first-offer.latency").timer().takeSnapshot();
            double p50 = latency.percentileValues()[0].value(java.util.concurrent.TimeUnit.MILLISECONDS);
            double p99 = latency.percentileValues()[1].value(java.util.concurrent.TimeUnit.MILLISECONDS);
            System.out.printf(Locale.ROOT, "%-9d | %11.0f ms | %9.3f / %-10.3f | %8.2f / %6.2f / %-10.2f | %8.0f%n",
                    poolSize, rebuildMs, selection[0], selection[1], p50, p99,
                    latency.max(java.util.concurrent.TimeUnit.MILLISECONDS), offers / (wavesNanos / 1e9));
        } finally {
            server.shutdownNow();
        }
    }

    /** Walking the index to the first wave's 13 eligible candidates, without the database. */
    private static double[] selection(CandidateIndex index, RuleSet rules, Random random) {
        OfferPlanner planner = new OfferPlanner(Eligibility.standard());
        int rounds = 2_000;
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            String centre = CENTRES.get(random.nextInt(CENTRES.size()));
            Release release = new Release("sel", centre, random.nextBoolean() ? "COMIRNATY" : "VAXZEVRIA", 6, NOW,
                    NOW.plus(Duration.ofHours(4)), NOW.plus(Duration.ofHours(6)), 0, ReleaseStatus.OPEN, 0, 0, 0, 0);
            long started = System.nanoTime();
            Iterator<PoolCandidate> eligible = planner.eligibleInOrder(index.ranked(centre, rules),
                    new OfferContext(release, rules, NOW, id -> false, id -> false));
            for (int taken = 0; taken < 13 && eligible.hasNext(); taken++) {
                eligible.next();
            }
            nanos[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        return new double[] {millis(nanos[rounds / 2]), millis(nanos[rounds * 99 / 100])};
    }

    private static void insertCandidates(MongoTemplate mongo, int count, Random random) {
        List<CandidateDocument> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> centres = random.nextInt(3) == 0
                    ? List.of(CENTRES.get(random.nextInt(CENTRES.size())), CENTRES.get(random.nextInt(CENTRES.size())))
                    : List.of(CENTRES.get(random.nextInt(CENTRES.size())));
            batch.add(new CandidateDocument("cand-" + i, LocalDate.of(1930 + random.nextInt(75), 1, 1),
                    PriorityGroup.values()[random.nextInt(4)], centres.stream().distinct().toList(),
                    5 + random.nextInt(55), NOW.minusSeconds(random.nextInt(10_000_000)), true, false, false, null,
                    null, null, null, null));
            if (batch.size() == 10_000) {
                mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CandidateDocument.class).insert(batch).execute();
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CandidateDocument.class).insert(batch).execute();
        }
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
