package de.nachruecker.faulttest;

import de.nachruecker.support.personaldata.PersonalDataKeys;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.nachruecker.platform.ChildProcess;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 7, faults: the platform as real processes under a load of thousands of doses while its processes are killed
 * with -9, paused and restarted (the database server too); afterwards no dose and no candidate is confirmed twice,
 * every release is final with every dose accounted for, every input event was processed or dead-lettered, everything
 * acknowledged (registrations, releases, offers, answers) is still there, and no citizen gets a message twice. The
 * summary is printed and written to {@code target/fault-summary.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultSuiteIT {

    private static final Duration EXPIRING_RELEASE_LIFE = Duration.ofMinutes(2);
    private static final double WITHDRAWN_SHARE = 0.05;
    /** Citizens registering through the API during the load (and the database server's kill -9). */
    private static final Duration REGISTRATION_EVERY = Duration.ofSeconds(2);

    private final FaultSettings settings = FaultSettings.fromSystemProperties();
    private final Random random = new Random(settings.seed());
    private final FaultPlatform platform = new FaultPlatform();
    private final Citizens citizens = new Citizens();
    private final ScheduledExecutorService operatorLater = Executors.newSingleThreadScheduledExecutor();
    private final List<String> timeline = new ArrayList<>();
    private Instant began;

    @BeforeAll
    void startPlatform() throws Exception {
        began = Instant.now();
        log("seed " + settings.seed() + " (repeat with -Dfaults.seed=" + settings.seed() + "), " + settings);
        platform.start(reportDir().resolve("fault-platform"));
        log("platform up: 3 Kafka nodes, 2 allocation instances, registration, slot, notification");
    }

    @AfterAll
    void stopPlatform() {
        operatorLater.shutdownNow();
        platform.processes().forEach(ChildProcess::resume);
        platform.close();
    }

    @Test
    void underKillsAndPausesNoDoseOrCandidateIsConfirmedTwiceAndEverythingIsAccountedFor() throws Exception {
        try (EventWriter events = new EventWriter(platform.kafka().bootstrapServers());
             PersonalDataKeys keys = PersonalDataKeys.connect(platform.mongoUri(), PersonalDataKeys.DEFAULT_DATABASE,
                     null)) {
            citizens.seed(settings.candidates(), random, events, keys);
        }
        awaitCandidatesPooled();
        log(settings.candidates() + " verified candidates in allocation's pool");

        CentreOperator operator = new CentreOperator(platform.http(), platform.service(FaultPlatform.SLOT).url());
        FaultInjector faults = new FaultInjector(platform, settings.seed());
        PlatformInvariants invariants = new PlatformInvariants(platform.mongoUri(),
                platform.kafka().bootstrapServers());
        try (AnsweringCitizens phones = new AnsweringCitizens(platform.http(), platform.smsMessagesUrl(),
                platform.service(FaultPlatform.REGISTRATION).url(), settings.acceptance(), settings.seed());
             Registrants registrants = new Registrants(platform.http(),
                     platform.service(FaultPlatform.REGISTRATION).url());
             faults) {
            phones.start();
            registrants.start(REGISTRATION_EVERY);
            Instant loadEnds = Instant.now().plus(settings.publishOver());
            if (settings.soakMode()) {
                faults.startRandomUntil(loadEnds);
            } else {
                faults.startOneRound();
            }
            publishLoad(operator);
            log("load published: " + operator.published().size() + " releases, " + operator.dosesPublished()
                    + " doses, " + operator.withdrawn().size() + " withdrawn");
            List<String> faultFailures = faults.awaitDone(Duration.ofMinutes(30).plus(settings.soak()));
            log("faults done: " + faults.faults().size() + (faultFailures.isEmpty() ? "" : ", " + faultFailures));
            platform.processes().forEach(ChildProcess::resume);
            operatorLater.shutdown();
            assertThat(operatorLater.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
            registrants.stop();
            log("registrations during the faults: " + registrants.acknowledgedCount() + " acknowledged, refused: "
                    + registrants.refusals());

            boolean rested = awaitRest(invariants, operator, phones);
            log(rested ? "platform at rest" : "platform NOT at rest within the bound");
            invariants.check(operator.published(), citizens.candidateIds());
            invariants.checkAcknowledgedKept(operator.published(), registrants.lost(),
                    registrants.acknowledgedCount(), phones.answersAcknowledged());
            List<CitizenMessages.Duplicate> duplicates = phones.messages().duplicates(
                    phone -> citizens.candidateOf(phone) != null ? citizens.candidateOf(phone)
                            : registrants.candidateOf(phone),
                    registrants.unknownOutcome(), invariants.notificationDeliveries());
            FaultSummary summary = new FaultSummary(settings, Duration.between(began, Instant.now()), timeline,
                    faults.faults(), operator, phones, invariants, duplicates);
            summary.print(reportDir().resolve("fault-summary.txt"));

            assertThat(invariants.violations()).as("invariant violations, see target/fault-summary.txt").isEmpty();
            assertThat(faultFailures).as("every killed or paused process came back").isEmpty();
            assertThat(invariants.unfinished()).as("releases and offers not final, see target/fault-summary.txt")
                    .isEmpty();
            assertThat(rested).as("all releases final and all offers decided").isTrue();
            assertThat(duplicates).as("duplicate messages to citizens (SMS beyond one per notification), see "
                    + "target/fault-summary.txt").isEmpty();
        }
    }

    /** Releases at an even pace over the load period; a few withdrawn soon after; a few where nobody can come. */
    private void publishLoad(CentreOperator operator) throws InterruptedException {
        int expiring = Math.max(1, settings.releases() / 50);
        for (int i = 0; i < expiring; i++) {
            operator.publishExpiring(Citizens.UNSERVED_CENTRE, settings.dosesPerRelease(), EXPIRING_RELEASE_LIFE);
        }
        long pauseMillis = settings.publishOver().toMillis() / settings.releases();
        List<String> centres = new ArrayList<>(Citizens.CENTRES);
        for (int i = 0; i < settings.releases(); i++) {
            // each round visits every centre once, in random order: drawn at random, one centre got 34 of 200
            // releases in a run, more doses than its share of the pool could take, and its releases could not fill
            if (i % centres.size() == 0) {
                Collections.shuffle(centres, random);
            }
            String centre = centres.get(i % centres.size());
            String releaseId = operator.publish(centre, settings.dosesPerRelease());
            if (random.nextDouble() < WITHDRAWN_SHARE) {
                operatorLater.schedule(() -> {
                    operator.withdraw(releaseId);
                    return null;
                }, 5 + random.nextInt(20), TimeUnit.SECONDS);
            }
            Thread.sleep(pauseMillis);
        }
    }

    private void awaitCandidatesPooled() {
        try (MongoClient mongo = MongoClients.create(platform.mongoUri())) {
            await("candidates in allocation's pool").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> mongo.getDatabase(FaultPlatform.ALLOCATION).getCollection("candidates")
                            .countDocuments() >= settings.candidates());
        }
    }

    /** Bounded wait until every release is final, every offer decided and no answer is still being sent. */
    private boolean awaitRest(PlatformInvariants invariants, CentreOperator operator, AnsweringCitizens phones) {
        Duration bound = Duration.ofMinutes(settings.soakMode() ? 15 : 10);
        try {
            await("platform at rest").atMost(bound).pollInterval(Duration.ofSeconds(3))
                    .until(() -> phones.idle() && invariants.quiescent(operator.published()));
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** Also appended to target/fault-progress.log, which shows a long run's progress while it runs. */
    private void log(String line) {
        String entry = String.format("+%4ds %s", Duration.between(began, Instant.now()).toSeconds(), line);
        timeline.add(entry);
        Progress.write("[fault-suite] " + entry);
    }

    private static Path reportDir() throws IOException {
        Path dir = Path.of(System.getProperty("faults.report-dir", "target"));
        Files.createDirectories(dir);
        return dir;
    }
}
