package de.nachruecker.registration.candidate.application;

import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.registration.candidate.model.Applicant;
import de.nachruecker.registration.candidate.model.Language;
import de.nachruecker.registration.candidate.model.Preferences;
import de.nachruecker.registration.candidate.model.Registration;
import de.nachruecker.registration.candidate.model.VerificationCode;
import de.nachruecker.registration.candidate.model.VerificationPolicy;
import de.nachruecker.registration.config.RegistrationProperties;
import de.nachruecker.support.personaldata.MessageSecrets;
import de.nachruecker.support.personaldata.PersonalData;
import de.nachruecker.support.personaldata.PersonalDataCipher;
import de.nachruecker.support.personaldata.PersonalDataKeys;
import de.nachruecker.support.testing.EmbeddedMongo;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The group commit of new registrations against a real key vault (the MongoDB-protocol server) and a registration
 * store that records its batches: registrations queued while a batch is written go together into the next one, each
 * is answered with its own outcome, and keys of registrations that were not stored do not stay behind.
 */
class IntakeBatchesTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final VerificationPolicy POLICY = new VerificationPolicy(Duration.ofMinutes(15), 5, 5,
            Duration.ZERO);

    private static MongoClient client;
    private static PersonalDataKeys keys;
    private static CandidateEvents candidateEvents;

    private final RecordingRegistrations registrations = new RecordingRegistrations();
    /** A thread per waiting client: each blocks until its registration is written. */
    private final ExecutorService clients = Executors.newCachedThreadPool();
    private IntakeBatches batches;

    @BeforeAll
    static void vault() {
        client = MongoClients.create(EmbeddedMongo.uri("intake-batches-test"));
        keys = PersonalDataKeys.on(client, "key-vault", null);
        candidateEvents = new CandidateEvents(new PersonalData(keys, new PersonalDataCipher(), 10),
                new MessageSecrets(keys.messageKeys(), new PersonalDataCipher()));
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @AfterEach
    void stop() {
        if (batches != null) {
            batches.destroy();
        }
        clients.shutdownNow();
    }

    private IntakeBatches batches(int committers, int maxBatch) {
        return batches(committers, maxBatch, new LinkedBlockingQueue<>());
    }

    private IntakeBatches batches(int committers, int maxBatch, BlockingQueue<IntakeBatches.Entry> queue) {
        RegistrationProperties defaults = new RegistrationProperties(16, 120, 5, 5, 180, "DE", Set.of("DE"),
                ZoneId.of("Europe/Berlin"), new RegistrationProperties.Verification(Duration.ofMinutes(15),
                5, 5, Duration.ofSeconds(60)), Duration.ofDays(180), Duration.ofHours(1), Duration.ofHours(24),
                new RegistrationProperties.Household(6, Duration.ofMinutes(30)),
                new RegistrationProperties.Intake(committers, maxBatch));
        batches = new IntakeBatches(registrations, keys, candidateEvents, defaults, queue);
        return batches;
    }

    @Test
    void registrationsArrivingWhileABatchIsWrittenShareTheNextOneAndEachIsStoredWithItsKey() throws Exception {
        IntakeBatches intake = batches(1, 64);
        CompletableFuture<Void> first = whileTheFirstBatchIsHeld(intake, 0);
        List<CompletableFuture<Void>> meanwhile = IntStream.rangeClosed(1, 5)
                .mapToObj(i -> CompletableFuture.runAsync(() -> add(intake, registration(i, "+491510000000" + i)),
                        clients))
                .toList();
        await().atMost(Duration.ofSeconds(10)).until(() -> intake.queued() == 5);
        registrations.releaseFirstBatch();
        first.get(10, TimeUnit.SECONDS);
        for (CompletableFuture<Void> one : meanwhile) {
            one.get(10, TimeUnit.SECONDS);
        }

        assertThat(registrations.written).extracting(List::size).containsExactly(1, 5);
        for (List<Registrations.Unplaced> batch : registrations.written) {
            for (Registrations.Unplaced one : batch) {
                assertThat(keys.find(one.registration().candidateId())).as("its data key is stored").isPresent();
                assertThat(one.events()).hasSize(3);
            }
        }
    }

    @Test
    void aBatchRefusesExactlyTheFullPhonesAndThePeopleRegisteredAlreadyAndStoresTheRest() {
        IntakeBatches intake = batches(1, 64);
        registrations.placesTaken.put("+4915199999999", 6);
        registrations.placesTaken.put("+4915188888888", 5);
        Registration known = registration(100, "+4915177777777");
        registrations.persons.add(known.applicant().orElseThrow().identityKey());

        CompletableFuture<Void> first = whileTheFirstBatchIsHeld(intake, 99);
        List<Registration> sent = List.of(registration(101, "+4915199999999"), registration(102, "+4915188888888"),
                known, registration(103, "+4915166666666"));
        List<CompletableFuture<Void>> answers = sent.stream()
                .map(one -> CompletableFuture.runAsync(() -> add(intake, one), clients)).toList();
        await().atMost(Duration.ofSeconds(10)).until(() -> intake.queued() == 4);
        registrations.releaseFirstBatch();
        first.join();

        assertThatThrownBy(() -> answers.get(0).join()).hasCauseInstanceOf(DuplicateRegistrationException.class)
                .cause().extracting("kind").isEqualTo(DuplicateRegistrationException.Kind.HOUSEHOLD_FULL);
        answers.get(1).join();
        assertThatThrownBy(() -> answers.get(2).join()).hasCauseInstanceOf(DuplicateRegistrationException.class)
                .cause().extracting("kind").isEqualTo(DuplicateRegistrationException.Kind.PERSON);
        answers.get(3).join();
        assertThat(registrations.written).hasSize(2);
        assertThat(registrations.written.get(1)).extracting(one -> one.registration().candidateId())
                .as("one batch, in the order the requests queued").containsExactlyInAnyOrder("c-102", "c-103");
        assertThat(keys.find("c-101")).as("refused: its key deleted again").isEmpty();
        assertThat(keys.find("c-100")).isEmpty();
    }

    @Test
    void whenTheRegistrationsCannotBeWrittenEveryRequestGetsTheFailureAndTheirKeysAreGone() {
        IntakeBatches intake = batches(1, 64);
        registrations.beforeWrite = batch -> {
            throw new DataAccessResourceFailureException("store unreachable");
        };

        assertThatThrownBy(() -> add(intake, registration(200, "+4915155555555")))
                .isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(keys.find("c-200")).as("no key without its registration").isEmpty();

        registrations.beforeWrite = batch -> batch.stream().map(one -> true).toList();
        add(intake, registration(201, "+4915155555555"));
        assertThat(keys.find("c-201")).as("the committer lives on").isPresent();
    }

    @Test
    void aClashOfRandomIdsFailsOnlyThatRegistrationAndRemovesOnlyItsKey() {
        IntakeBatches intake = batches(1, 64);
        registrations.beforeWrite = batch -> batch.stream()
                .map(one -> !one.registration().candidateId().equals("c-301")).toList();

        CompletableFuture<Void> first = whileTheFirstBatchIsHeld(intake, 300);
        CompletableFuture<Void> clashing = CompletableFuture.runAsync(() -> add(intake,
                registration(301, "+4915144444441")), clients);
        CompletableFuture<Void> fine = CompletableFuture.runAsync(() -> add(intake,
                registration(302, "+4915144444442")), clients);
        await().atMost(Duration.ofSeconds(10)).until(() -> intake.queued() == 2);
        registrations.releaseFirstBatch();
        first.join();

        assertThatThrownBy(clashing::join).hasCauseInstanceOf(DuplicateKeyException.class);
        fine.join();
        assertThat(registrations.written.get(1)).extracting(one -> one.registration().candidateId())
                .containsExactly("c-302");
        assertThat(keys.find("c-301")).isEmpty();
        assertThat(keys.find("c-302")).isPresent();
    }

    /**
     * The shutdown begins after a request saw the service running and before it queued its registration: the
     * committers have drained the queue and ended. The request once waited for an answer that never came.
     */
    @Test
    void aRegistrationQueuedAfterTheCommittersEndedIsRefusedAtOnceNotLeftWaiting() throws Exception {
        ShutdownBeforeHandOver queue = new ShutdownBeforeHandOver();
        IntakeBatches intake = batches(2, 64, queue);
        queue.intake = intake;

        CompletableFuture<Void> answer = CompletableFuture.runAsync(() -> add(intake,
                registration(400, "+4915133333333")), clients);

        assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("shutting down");
        assertThat(queue.committersEndedFirst).as("the race this test stages took place").isTrue();
        assertThat(intake.queued()).as("nothing left behind in the queue").isZero();
        assertThat(registrations.written).isEmpty();
        assertThat(keys.find("c-400")).isEmpty();
    }

    /** A first registration whose batch is held in its checks until the test releases it. */
    private CompletableFuture<Void> whileTheFirstBatchIsHeld(IntakeBatches intake, int number) {
        registrations.holdFirstBatch = true;
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> add(intake,
                registration(number, "+4915100000" + (100 + number))), clients);
        awaitLatch(registrations.firstBatchHeld);
        return first;
    }

    private static void add(IntakeBatches intake, Registration registration) {
        intake.add(registration, new VerificationCode("123456"), "token-" + registration.candidateId(), NOW);
    }

    private static Registration registration(int number, String phone) {
        return Registration.register("c-" + number,
                        new Applicant("Person " + (char) ('A' + number % 26) + number, LocalDate.of(1950, 1, 1)
                                .plusDays(number), phone, null),
                        PriorityGroup.GENERAL, new Preferences(List.of("korbach"), 30, Language.DE), NOW)
                .issueCode(new VerificationCode("123456").hash("c-" + number), NOW, POLICY);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Shuts the intake down, and waits for its committers to end, just before a registration is queued. */
    private static final class ShutdownBeforeHandOver extends LinkedBlockingQueue<IntakeBatches.Entry> {

        private static final long serialVersionUID = 1L;

        transient volatile IntakeBatches intake;
        volatile boolean committersEndedFirst;

        @Override
        public boolean add(IntakeBatches.Entry entry) {
            intake.destroy();
            await().atMost(Duration.ofSeconds(10)).until(intake::stopped);
            committersEndedFirst = true;
            return super.add(entry);
        }
    }

    /** Records each bulk write; a test may hold writes back until it has queued what it wants in one batch. */
    private static final class RecordingRegistrations implements Registrations {

        final List<List<Registrations.Unplaced>> written = new CopyOnWriteArrayList<>();
        final Map<String, Integer> placesTaken = new ConcurrentHashMap<>();
        final Set<String> persons = ConcurrentHashMap.newKeySet();
        volatile Function<List<Unplaced>, List<Boolean>> beforeWrite = batch -> batch.stream().map(one -> true)
                .toList();
        volatile boolean holdFirstBatch;
        final CountDownLatch firstBatchHeld = new CountDownLatch(1);
        private final CountDownLatch firstBatchReleased = new CountDownLatch(1);
        private final AtomicInteger checks = new AtomicInteger();

        void releaseFirstBatch() {
            firstBatchReleased.countDown();
        }

        @Override
        public Map<String, Integer> householdPlacesTaken(Collection<String> phones) {
            if (holdFirstBatch && checks.getAndIncrement() == 0) {
                // the checks come first: holding the first batch here lets a test queue the next one
                firstBatchHeld.countDown();
                awaitLatch(firstBatchReleased);
            }
            return Map.copyOf(placesTaken);
        }

        @Override
        public Set<String> personsRegistered(Collection<String> identityKeys) {
            Set<String> found = new HashSet<>(identityKeys);
            found.retainAll(persons);
            return found;
        }

        @Override
        public List<Boolean> addAllUnplaced(List<Unplaced> added) {
            List<Boolean> stored = beforeWrite.apply(added);
            List<Unplaced> kept = new ArrayList<>();
            for (int i = 0; i < added.size(); i++) {
                if (stored.get(i)) {
                    kept.add(added.get(i));
                }
            }
            written.add(kept);
            return stored;
        }

        @Override
        public void add(Registration registration, String accessTokenHash, List<OutgoingEvent> events) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Registration> findByAccessTokenHash(String accessTokenHash) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Registration> find(String candidateId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Registration> findNotWithdrawnRegisteredBefore(Instant cutoff, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Registration> findUnverifiedRegisteredBefore(Instant cutoff, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int householdPlacesTaken(String phone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean personRegistered(String identityKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long countInPoolAhead(PriorityGroup group, Instant registeredAt, List<String> centreIds) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean update(Registration next, List<OutgoingEvent> events) {
            throw new UnsupportedOperationException();
        }
    }
}
