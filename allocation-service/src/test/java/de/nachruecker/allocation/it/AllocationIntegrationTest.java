package de.nachruecker.allocation.it;

import de.nachruecker.allocation.offer.application.AnsweringOffers;
import de.nachruecker.allocation.offer.application.ExpiringOffers;
import de.nachruecker.allocation.offer.model.OfferStatus;
import de.nachruecker.allocation.offer.persistence.OfferDocument;
import de.nachruecker.allocation.pool.model.CandidateIndex;
import de.nachruecker.allocation.pool.persistence.CandidateStore;
import de.nachruecker.allocation.release.application.WatchingVialClock;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import de.nachruecker.allocation.release.persistence.ReleaseDocument;
import de.nachruecker.allocation.release.persistence.ReleaseLeases;
import de.nachruecker.allocation.release.persistence.ReleaseStore;
import de.nachruecker.events.DomainEvent;
import de.nachruecker.events.EventCodec;
import de.nachruecker.events.SealedValue;
import de.nachruecker.events.TopicDefinition;
import de.nachruecker.events.Topics;
import de.nachruecker.events.candidate.CandidateProfile;
import de.nachruecker.events.candidate.CandidateRegistered;
import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.events.notification.NotificationRequested;
import de.nachruecker.events.offer.OfferAnswered;
import de.nachruecker.events.offer.OfferEvent;
import de.nachruecker.events.release.AppointmentWindow;
import de.nachruecker.events.release.DosesReleased;
import de.nachruecker.support.correlation.CorrelationId;
import de.nachruecker.support.messaging.EventPublisher;
import de.nachruecker.support.testing.EmbeddedMongo;
import de.nachruecker.support.testing.MutableClock;
import de.nachruecker.support.testing.RawConsumers;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import de.nachruecker.support.personaldata.MessageSecrets;
import de.nachruecker.support.personaldata.PersonalData;
import de.nachruecker.support.personaldata.PersonalDataKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.event.AbstractMongoEventListener;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Shared setup of the allocation ITs: one Spring context (same configuration in every class), a real broker, the
 * embedded MongoDB-protocol server and a clock the tests move. Sweeps are driven by the tests, not by the scheduler.
 * Each test works at its own centre so that tests do not see each other's candidates.
 */
@ExtendWith(EmbeddedMongo.class)
@SpringBootTest(properties = {
        "nachruecker.allocation.sweep-interval=1h",
        "nachruecker.allocation.orphan-sweep-interval=1h",
        "nachruecker.allocation.unannounced-sweep-interval=1h",
        // the outbox relay's sweep too: what a write relays is then all that reads or empties an outbox in a test
        "nachruecker.outbox.sweep-interval=1h",
        "nachruecker.topics.partitions=1",
        // staff for the access tests, every password "demo-password" (the local profile's demo hash)
        "nachruecker.security.staff-users[0].username=ops-anna",
        "nachruecker.security.staff-users[0].password=" + AllocationIntegrationTest.DEMO_HASH,
        "nachruecker.security.staff-users[0].roles=OPS",
        "nachruecker.security.staff-users[1].username=admin-ben",
        "nachruecker.security.staff-users[1].password=" + AllocationIntegrationTest.DEMO_HASH,
        "nachruecker.security.staff-users[1].roles=ADMIN",
        "nachruecker.security.staff-users[2].username=operator-own",
        "nachruecker.security.staff-users[2].password=" + AllocationIntegrationTest.DEMO_HASH,
        "nachruecker.security.staff-users[2].roles=OPERATOR",
        "nachruecker.security.staff-users[2].centres=" + AllocationIntegrationTest.OWN_CENTRE,
        "nachruecker.security.staff-users[3].username=operator-other",
        "nachruecker.security.staff-users[3].password=" + AllocationIntegrationTest.DEMO_HASH,
        "nachruecker.security.staff-users[3].roles=OPERATOR",
        "nachruecker.security.staff-users[3].centres=matrix-other",
        "nachruecker.security.staff-users[4].username=monitor-max",
        "nachruecker.security.staff-users[4].password=" + AllocationIntegrationTest.DEMO_HASH,
        "nachruecker.security.staff-users[4].roles=MONITORING",
        // and an identity provider's tokens (StaffTokens)
        "spring.security.oauth2.resourceserver.jwt.public-key-location=" + StaffTokens.PUBLIC_KEY_LOCATION
})
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers", partitions = 1)
@Import({AllocationIntegrationTest.TestClock.class, MongoCommands.Listening.class})
@AutoConfigureMockMvc
abstract class AllocationIntegrationTest {

    static final String DEMO_HASH = "{bcrypt}$2a$10$wq9L6MMc6VIsGXbc5LiZhORPTeLToCaj1TMkCMhU5UHt8Y2GqYgT6";
    static final String PASSWORD = "demo-password";
    /** The centre of the test user operator-own. */
    static final String OWN_CENTRE = "matrix-own";

    static {
        StaffTokens.ensurePublicKeyWritten();
    }

    /** After prioritisation ended: everyone is eligible, first registered first served. */
    static final Instant JUNE = Instant.parse("2021-06-10T08:00:00Z");

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        MutableClock testClock() {
            return MutableClock.at(JUNE);
        }
    }

    @Autowired
    MutableClock clock;
    @Autowired
    EventPublisher publisher;
    @Autowired
    PersonalDataKeys keys;
    @Autowired
    PersonalData personalData;
    @Autowired
    MessageSecrets messageSecrets;
    @Autowired
    EventCodec codec;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CandidateStore candidateStore;
    @Autowired
    CandidateIndex index;
    @Autowired
    ReleaseStore releaseStore;
    @Autowired
    ReleaseLeases releaseLeases;
    @Autowired
    AnsweringOffers answering;
    @Autowired
    ExpiringOffers expiring;
    @Autowired
    WatchingVialClock vialClock;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    ConfigurableApplicationContext context;

    String centre;
    final List<DomainEvent> received = new CopyOnWriteArrayList<>();
    /** The correlation id header of each received event, by event id. */
    final Map<UUID, String> correlationIds = new ConcurrentHashMap<>();
    private Consumer<String, byte[]> consumer;

    @BeforeEach
    void startAtOwnCentre() {
        clock.set(JUNE);
        centre = "it-" + UUID.randomUUID();
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "it-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "latest");
        consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new ByteArrayDeserializer())
                .createConsumer();
        consumer.subscribe(List.of(Topics.OFFERS.name(), Topics.NOTIFICATION_REQUESTS.name()));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            consumer.poll(Duration.ofMillis(100));
            return !consumer.assignment().isEmpty();
        });
        // "latest" is resolved lazily: pin the positions now, or events of the test's first moments are skipped
        consumer.assignment().forEach(consumer::position);
    }

    @AfterEach
    void closeConsumer() {
        consumer.close();
    }

    /**
     * Runs {@code work} while {@code hook} receives MongoTemplate's mapping events (before a document is saved, after
     * one was read), so that a test can step in at a chosen write or read of the code under test.
     */
    void withMongoHook(AbstractMongoEventListener<?> hook, Runnable work) {
        context.addApplicationListener(hook);
        try {
            work.run();
        } finally {
            context.getBean(AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME,
                    ApplicationEventMulticaster.class).removeApplicationListener(hook);
        }
    }

    /** The birth date as registration-service publishes it: sealed with the candidate's data key (created here). */
    SealedValue sealedBirthDate(String candidateId, LocalDate birthDate) {
        keys.create(candidateId);
        return personalData.seal(candidateId, CandidateRegistered.TYPE, birthDate);
    }

    /** Registers verified candidates at this test's centre, registered one minute apart in the given order. */
    List<String> register(int count, PriorityGroup group, String... moreCentres) {
        List<String> ids = new ArrayList<>();
        List<String> centres = new ArrayList<>(List.of(centre));
        centres.addAll(List.of(moreCentres));
        for (int i = 0; i < count; i++) {
            String id = centre + "-c" + i + "-" + group;
            ids.add(id);
            keys.create(id);
            publisher.publish(Topics.CANDIDATES, new CandidateRegistered(UUID.randomUUID(), clock.instant(), id,
                    new CandidateProfile(personalData.seal(id, CandidateRegistered.TYPE, LocalDate.of(1950, 1, 1)),
                            group, centres, 20,
                            Instant.parse("2021-03-01T00:00:00Z").plusSeconds(60L * i), true)));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> ids.stream().allMatch(id ->
                index.find(id).isPresent() && candidateStore.find(id).isPresent()));
        return ids;
    }

    String release(int doses) {
        return release(doses, Duration.ofHours(6));
    }

    String release(int doses, Duration usableFor) {
        String releaseId = "r-" + UUID.randomUUID();
        Instant now = clock.instant();
        publisher.publish(Topics.DOSE_RELEASES, new DosesReleased(UUID.randomUUID(), now, releaseId, centre,
                "COMIRNATY", doses, new AppointmentWindow(now, now.plus(Duration.ofHours(4))), now.plus(usableFor)));
        return releaseId;
    }

    /** Publishes a release of {@code doses} and waits (bounded) until its first wave has made {@code offers} offers. */
    String releasedWithOffers(int doses, int offers) {
        String releaseId = release(doses);
        await().atMost(Duration.ofSeconds(15)).until(() -> offers(releaseId).size() == offers);
        return releaseId;
    }

    List<OfferDocument> offers(String releaseId) {
        return mongo.find(Query.query(Criteria.where("releaseId").is(releaseId)), OfferDocument.class);
    }

    List<OfferDocument> offers(String releaseId, OfferStatus status) {
        return offers(releaseId).stream().filter(offer -> offer.status() == status).toList();
    }

    OfferDocument firstRanked(String releaseId) {
        return offers(releaseId).stream().filter(offer -> offer.rank() == 1).findFirst().orElseThrow();
    }

    /**
     * One dose, three of the pool asked (ceil(1 × (1 + 1/16) / 0.5) = 3), and the first in rank says yes: the release
     * is filled. Returns the confirmed offer.
     */
    OfferDocument oneDoseConfirmed(String releaseId) {
        await().atMost(Duration.ofSeconds(15)).until(() -> offers(releaseId).size() == 3);
        OfferDocument confirmed = firstRanked(releaseId);
        answering.answer(answer(confirmed, OfferAnswered.Answer.ACCEPT));
        assertThat(releaseDoc(releaseId).status()).isEqualTo(ReleaseStatus.FILLED);
        return confirmed;
    }

    /**
     * The confirmed dose came back: the release is open again with it, and the next wave goes to those of the six
     * {@code candidates} not asked yet, not to the three asked for it before.
     */
    void assertTheDoseWentToTheNextWave(String releaseId, List<String> candidates) {
        await().atMost(Duration.ofSeconds(15)).until(() -> !offers(releaseId, OfferStatus.MADE).isEmpty());
        assertThat(releaseDoc(releaseId).status()).isEqualTo(ReleaseStatus.OPEN);
        assertThat(releaseDoc(releaseId).confirmed()).isZero();
        assertThat(releaseDoc(releaseId).dosesLeft()).isEqualTo(1);
        assertThat(offers(releaseId, OfferStatus.MADE)).allSatisfy(offer -> {
            assertThat(offer.wave()).isEqualTo(2);
            assertThat(candidates.subList(3, 6)).contains(offer.candidateId());
        });
    }

    /**
     * Publishes a record that is no event to {@code topic} (as a producer with a bug would), runs {@code then}, and
     * waits (bounded) until the record reached the topic's dead letters; returns what {@code then} returned.
     */
    <T> T deadLettered(TopicDefinition topic, String key, String type, Supplier<T> then) {
        String garbage = "not json " + UUID.randomUUID();
        try (Consumer<String, byte[]> deadLetters = RawConsumers.create(broker, "dlq-",
                Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
            deadLetters.subscribe(List.of(Topics.deadLettersOf(topic.name())));
            publisher.send(topic.name(), key, UUID.randomUUID().toString(), type,
                    garbage.getBytes(StandardCharsets.UTF_8));
            T result = then.get();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                boolean found = false;
                for (ConsumerRecord<String, byte[]> record : deadLetters.poll(Duration.ofMillis(200))) {
                    found |= new String(record.value(), StandardCharsets.UTF_8).equals(garbage);
                }
                assertThat(found).isTrue();
            });
            return result;
        }
    }

    ReleaseDocument releaseDoc(String releaseId) {
        return Optional.ofNullable(mongo.findById(releaseId, ReleaseDocument.class)).orElseThrow();
    }

    OfferAnswered answer(OfferDocument offer, OfferAnswered.Answer answer) {
        return new OfferAnswered(UUID.randomUUID(), clock.instant(), offer.id(), offer.releaseId(),
                offer.candidateId(), answer);
    }

    /** Events that reached the broker since the test started (offers and notification requests). */
    List<DomainEvent> events() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            DomainEvent event = record.topic().equals(Topics.OFFERS.name())
                    ? codec.decode(record.value(), OfferEvent.class)
                    : codec.decode(record.value(), NotificationRequested.class);
            Header correlationId = record.headers().lastHeader(CorrelationId.KAFKA_HEADER);
            if (correlationId != null) {
                correlationIds.put(event.eventId(), new String(correlationId.value(), StandardCharsets.UTF_8));
            }
            received.add(event);
        }
        return received;
    }

    <T> List<T> events(Class<T> type, Collection<String> releaseOrCandidateIds) {
        return events().stream().filter(type::isInstance).map(type::cast)
                .filter(event -> releaseOrCandidateIds.contains(event instanceof OfferEvent offer
                        ? offer.releaseId() : ((NotificationRequested) event).candidateId()))
                .toList();
    }

    /** A release stored directly (no event, no first wave): the test runs its waves. */
    String storedRelease(int doses) {
        return storedRelease(centre, doses);
    }

    String storedRelease(String centreId, int doses) {
        Instant now = clock.instant();
        String releaseId = "r-" + UUID.randomUUID();
        releaseStore.create(new DosesReleased(UUID.randomUUID(), now, releaseId, centreId, "COMIRNATY", doses,
                new AppointmentWindow(now, now.plus(Duration.ofHours(4))), now.plus(Duration.ofHours(6))), now);
        // stored leased, as by the consumer before its first wave; the tests start the waves themselves
        releaseLeases.release(releaseId);
        return releaseId;
    }

    OfferDocument offerOf(String releaseId, String candidateId) {
        return offers(releaseId).stream().filter(offer -> offer.candidateId().equals(candidateId)).findFirst()
                .orElseThrow(() -> new AssertionError("no offer of " + releaseId + " for " + candidateId));
    }

    OfferStatus statusOf(OfferDocument offer) {
        return mongo.findById(offer.id(), OfferDocument.class).status();
    }

    /** The messages requested for a candidate so far, of one template. */
    List<NotificationRequested> messages(String candidateId, MessageTemplate template) {
        return events(NotificationRequested.class, List.of(candidateId)).stream()
                .filter(message -> message.template() == template).toList();
    }
}
