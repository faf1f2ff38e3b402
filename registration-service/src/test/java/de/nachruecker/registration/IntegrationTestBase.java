package de.nachruecker.registration;

import de.nachruecker.events.EventCodec;
import de.nachruecker.events.Topics;
import de.nachruecker.events.candidate.CandidateEvent;
import de.nachruecker.events.candidate.CandidateWithdrawn;
import de.nachruecker.events.notification.NotificationRequested;
import de.nachruecker.events.offer.OfferMade;
import de.nachruecker.support.messaging.EventPublisher;
import de.nachruecker.support.personaldata.MessageSecrets;
import de.nachruecker.support.testing.MutableClock;
import de.nachruecker.support.testing.RawConsumers;
import de.nachruecker.support.testing.RealBrokerAndDatabase;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * One application context for every integration test of the service: a real broker, the MongoDB-protocol server, a
 * clock tests can move and a real HTTP port (for the browser). Topics have one partition here, so each test reads
 * exactly what was published after it started, in order. Rate limits are far away here (tests register many times
 * from one address); {@code RateLimitIT} has its own context with tight ones.
 */
@RealBrokerAndDatabase
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "nachruecker.topics.partitions=1",
        "nachruecker.registration.rate-limits.register.per-address=10000",
        "nachruecker.registration.rate-limits.register.per-phone=10000",
        "nachruecker.registration.rate-limits.send-code.per-address=10000",
        "nachruecker.registration.rate-limits.send-code.per-phone=10000",
        "nachruecker.registration.rate-limits.verify.per-address=10000",
        "nachruecker.registration.rate-limits.verify.per-phone=10000",
        "nachruecker.registration.rate-limits.answer.per-address=10000",
        "nachruecker.registration.rate-limits.sign-in.per-address=10000",
        // no staff work here, but ops read the management endpoints (password "demo-password")
        "nachruecker.security.staff-users[0].username=operator-korbach",
        "nachruecker.security.staff-users[0].password=" + IntegrationTestBase.STAFF_HASH,
        "nachruecker.security.staff-users[0].roles=OPERATOR",
        "nachruecker.security.staff-users[0].centres=korbach",
        "nachruecker.security.staff-users[1].username=ops",
        "nachruecker.security.staff-users[1].password=" + IntegrationTestBase.STAFF_HASH,
        "nachruecker.security.staff-users[1].roles=OPS",
        "nachruecker.security.staff-users[2].username=admin",
        "nachruecker.security.staff-users[2].password=" + IntegrationTestBase.STAFF_HASH,
        "nachruecker.security.staff-users[2].roles=ADMIN",
        "nachruecker.security.staff-users[3].username=monitoring",
        "nachruecker.security.staff-users[3].password=" + IntegrationTestBase.STAFF_HASH,
        "nachruecker.security.staff-users[3].roles=MONITORING"})
@AutoConfigureMockMvc
@Import(IntegrationTestBase.TestClock.class)
abstract class IntegrationTestBase {

    /** bcrypt of "demo-password", as in service-defaults-local.yml. */
    static final String STAFF_HASH = "{bcrypt}$2a$10$wq9L6MMc6VIsGXbc5LiZhORPTeLToCaj1TMkCMhU5UHt8Y2GqYgT6";
    static final String STAFF_PASSWORD = "demo-password";


    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String COLLECTION = "registrations";
    static final String OFFERS = "offers";
    static final SecureRandom RANDOM = new SecureRandom();
    static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    /** One release for all offers: its events arrive in order, as the allocation service keys them. */
    static final String RELEASE = "release-" + UUID.randomUUID();

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    EventCodec codec;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    MutableClock clock;
    @Autowired
    MessageSecrets messageSecrets;
    /** A spy, so that a test can make the broker look unreachable. */
    @MockitoSpyBean
    EventPublisher publisher;

    Consumer<String, byte[]> consumer;
    final List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
    private Duration skipped = Duration.ZERO;

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {

        @Bean
        @Primary
        MutableClock mutableClock() {
            return MutableClock.fromNow();
        }
    }

    @BeforeEach
    void readFromNowOn() {
        consumer = RawConsumers.fromTheEnd(broker, "registration-it-", List.of(
                new TopicPartition(Topics.CANDIDATES.name(), 0),
                new TopicPartition(Topics.CANDIDATE_CONTACTS.name(), 0),
                new TopicPartition(Topics.NOTIFICATION_REQUESTS.name(), 0),
                new TopicPartition(Topics.OFFER_ANSWERS.name(), 0)));
    }

    @AfterEach
    void cleanUp() {
        clock.advance(skipped.negated());
        skipped = Duration.ZERO;
        consumer.close();
        // what this test published must not spill into the next one
        for (String collection : List.of(COLLECTION, OFFERS)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> mongo.count(
                    Query.query(Criteria.where("outbox.0").exists(true)), collection) == 0);
            mongo.remove(new Query(), collection);
        }
    }

    /** Moves the service's clock ahead; it is back at now for the next test. */
    void skip(Duration duration) {
        clock.advance(duration);
        skipped = skipped.plus(duration);
    }

    static Map<String, Object> request(String name, String birthDate, String phone) {
        return new HashMap<>(Map.of("name", name, "birthDate", birthDate, "phone", phone,
                "email", "erika@example.org", "priorityGroup", "HIGH", "centreIds", List.of("korbach"),
                "maxTravelMinutes", 30, "consent", true));
    }

    static MockHttpServletRequestBuilder register(Map<String, Object> body) {
        return post("/api/registrations").contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(body));
    }

    /** Registers through the API, which must accept it. */
    MvcResult registered(String name, String birthDate, String phone) throws Exception {
        return mvc.perform(register(request(name, birthDate, phone))).andExpect(status().isCreated()).andReturn();
    }

    static String candidateId(MvcResult result) throws Exception {
        return JSON.readTree(result.getResponse().getContentAsString()).get("candidateId").asString();
    }

    static String accessToken(MvcResult result) throws Exception {
        return JSON.readTree(result.getResponse().getContentAsString()).get("accessToken").asString();
    }

    /** Enters the code of the registration's latest verification SMS, as its owner would. */
    void enterCodeOf(MvcResult registered) throws Exception {
        String candidateId = candidateId(registered);
        List<NotificationRequested> codes = notificationsOf(candidateId, 1);
        String code = codes.get(codes.size() - 1).parameters().get("code");
        mvc.perform(withToken(post("/api/registrations/me/verification"), accessToken(registered))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"code\":\"" + code + "\"}"))
                .andExpect(status().isOk());
    }

    Document storedDocument(String candidateId) {
        return mongo.getCollection(COLLECTION).find(new Document("_id", candidateId)).first();
    }

    /**
     * Polls until {@code count} records with this key arrived on the candidate topics; returns them in arrival order.
     */
    List<ConsumerRecord<String, byte[]>> recordsOf(String key, int count) {
        return poll(key, count, Topics.CANDIDATES.name(), Topics.CANDIDATE_CONTACTS.name());
    }

    /**
     * Polls until {@code count} notification requests for this candidate arrived; returns them with their secrets
     * opened into the parameters (as the notification service renders them), while the message keys exist.
     */
    List<NotificationRequested> notificationsOf(String key, int count) {
        return poll(key, count, Topics.NOTIFICATION_REQUESTS.name()).stream()
                .map(r -> codec.decode(r.value(), NotificationRequested.class)).map(this::opened).toList();
    }

    private NotificationRequested opened(NotificationRequested request) {
        if (request.secrets() == null) {
            return request;
        }
        assertThat(request.parameters()).as("no secret in clear").doesNotContainKeys("code", "accessCode");
        Map<String, String> parameters = new HashMap<>(request.parameters());
        parameters.putAll(messageSecrets.open(request.eventId().toString(), request.secrets()).orElseThrow());
        return new NotificationRequested(request.eventId(), request.occurredAt(), request.notificationId(),
                request.candidateId(), request.template(), parameters, request.secrets());
    }

    List<ConsumerRecord<String, byte[]>> poll(String key, int count, String... topics) {
        List<String> wanted = List.of(topics);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            consumer.poll(Duration.ofMillis(100)).forEach(received::add);
            return received.stream().filter(r -> key.equals(r.key()) && wanted.contains(r.topic())).count() >= count;
        });
        return received.stream().filter(r -> key.equals(r.key()) && wanted.contains(r.topic()))
                .collect(Collectors.toList());
    }

    MockHttpServletRequestBuilder withToken(MockHttpServletRequestBuilder request, String token) {
        return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
    }

    static ConsumerRecord<String, byte[]> only(List<ConsumerRecord<String, byte[]>> records, String topic) {
        List<ConsumerRecord<String, byte[]>> onTopic = records.stream().filter(r -> r.topic().equals(topic)).toList();
        assertThat(onTopic).hasSize(1);
        return onTopic.get(0);
    }

    /** The records of an erasure: the withdrawal, then a tombstone on both compacted candidate topics. */
    CandidateWithdrawn erasure(List<ConsumerRecord<String, byte[]>> records) {
        assertThat(records).hasSize(3);
        List<ConsumerRecord<String, byte[]>> profile = records.stream()
                .filter(r -> r.topic().equals(Topics.CANDIDATES.name())).toList();
        assertThat(profile).hasSize(2);
        assertThat(profile.get(1).value()).as("profile tombstone after the withdrawal").isNull();
        assertThat(only(records, Topics.CANDIDATE_CONTACTS.name()).value()).as("contact tombstone").isNull();
        return (CandidateWithdrawn) codec.decode(profile.get(0).value(), CandidateEvent.class);
    }

    /** An offer as the allocation service makes it; the raw token is what the offer message carries. */
    record MadeOffer(OfferMade event, String token) {
    }

    MadeOffer offerArrives(Duration answerTime) {
        return offerArrives(answerTime, "candidate-" + UUID.randomUUID());
    }

    /** Publishes an offer as the allocation service does and waits until it is stored. */
    MadeOffer offerArrives(Duration answerTime, String candidateId) {
        String token = token();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        OfferMade made = new OfferMade(UUID.randomUUID(), now, RELEASE, "offer-" + UUID.randomUUID(),
                candidateId, "korbach", "COMIRNATY", 1, 1, 1, now.plus(Duration.ofMinutes(45)),
                now.plus(Duration.ofMinutes(90)), now.plus(answerTime), hash(token));
        publisher.publish(Topics.OFFERS, made);
        MadeOffer offer = new MadeOffer(made, token);
        await().atMost(Duration.ofSeconds(20)).until(() -> stored(offer) != null);
        return offer;
    }

    Document stored(MadeOffer offer) {
        return mongo.getCollection(OFFERS).find(new Document("_id", offer.event().offerId())).first();
    }

    static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    /** Computed here as the allocation service does, independently of the service's own code. */
    static String hash(String token) {
        try {
            return BASE64URL.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
