package de.nachruecker.support.outbox;

import de.nachruecker.events.EventCodec;
import de.nachruecker.events.SealedValue;
import de.nachruecker.events.Topics;
import de.nachruecker.events.candidate.CandidateEvent;
import de.nachruecker.events.candidate.CandidateProfile;
import de.nachruecker.events.candidate.CandidateRegistered;
import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.support.correlation.CorrelationId;
import de.nachruecker.support.messaging.EventPublisher;
import de.nachruecker.support.testing.EmbeddedMongo;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import org.slf4j.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexField;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The outbox against a real broker and the MongoDB-protocol server: what a document promises reaches its topic. */
@ExtendWith(EmbeddedMongo.class)
@SpringBootTest(classes = OutboxRelayIT.TestApplication.class, properties = {
        "nachruecker.outbox.collections=" + OutboxRelayIT.COLLECTION,
        "spring.cloud.function.definition=probe",
        "spring.cloud.stream.bindings.probe-in-0.destination=candidates",
        "spring.cloud.stream.bindings.probe-in-0.group=outbox-it-probe"})
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class OutboxRelayIT {

    static final String COLLECTION = "outbox-it-things";

    @SpringBootApplication
    static class TestApplication {

        /** A consumer as the services write them; it notes the correlation id it runs under, per record key. */
        @Bean
        Consumer<Message<byte[]>> probe(EventCodec codec) {
            return message -> {
                String key = new String((byte[]) message.getHeaders().get(KafkaHeaders.RECEIVED_KEY),
                        StandardCharsets.UTF_8);
                CORRELATION_SEEN_BY_CONSUMER.put(key, String.valueOf(MDC.get(CorrelationId.MDC_KEY)));
                TRACE_SEEN_BY_CONSUMER.put(key, String.valueOf(MDC.get("traceId")));
                codec.decode(message.getPayload(), CandidateEvent.class);
            };
        }
    }

    static final Map<String, String> CORRELATION_SEEN_BY_CONSUMER = new ConcurrentHashMap<>();
    static final Map<String, String> TRACE_SEEN_BY_CONSUMER = new ConcurrentHashMap<>();

    @Document(COLLECTION)
    record Thing(@Id String id, List<PendingEvent> outbox) {
    }

    @Autowired
    MongoTemplate mongo;
    @Autowired
    OutboxRelay relay;
    @Autowired
    EventCodec codec;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    EventPublisher publisher;
    @Autowired
    MeterRegistry meters;
    @Autowired
    Tracer tracer;
    @Autowired
    ObservationRegistry observations;

    org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer;

    @BeforeEach
    void subscribe() {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "outbox-it-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new ByteArrayDeserializer())
                .createConsumer();
        consumer.subscribe(List.of(Topics.CANDIDATES.name(), Topics.CANDIDATE_CONTACTS.name()));
    }

    @AfterEach
    void close() {
        consumer.close();
        mongo.dropCollection(COLLECTION);
    }

    @Test
    void publishesPendingEventsInOrderWithKeyAndHeadersAndEmptiesTheOutbox() {
        CandidateRegistered registered = registered("c-1");
        PendingEvent tombstone = PendingEvent.tombstone(Topics.CANDIDATE_CONTACTS, "c-1", UUID.randomUUID().toString(),
                Instant.now());
        mongo.insert(new Thing("t-1", List.of(PendingEvent.of(Topics.CANDIDATES, registered, codec), tombstone)));

        relay.relay(COLLECTION, "t-1");

        List<ConsumerRecord<String, byte[]>> records = pollUntil("c-1", 2);
        ConsumerRecord<String, byte[]> first = records.stream()
                .filter(r -> r.topic().equals(Topics.CANDIDATES.name())).findFirst().orElseThrow();
        assertThat(first.key()).isEqualTo("c-1");
        assertThat(new String(first.headers().lastHeader(EventPublisher.EVENT_TYPE_HEADER).value(),
                StandardCharsets.UTF_8)).isEqualTo(CandidateRegistered.TYPE);
        assertThat(codec.decode(first.value(), CandidateEvent.class)).isEqualTo(registered);
        ConsumerRecord<String, byte[]> erased = records.stream()
                .filter(r -> r.topic().equals(Topics.CANDIDATE_CONTACTS.name())).findFirst().orElseThrow();
        assertThat(erased.key()).isEqualTo("c-1");
        assertThat(erased.value()).isNull();
        assertThat(mongo.findById("t-1", Thing.class).outbox()).isEmpty();
    }

    @Test
    void sweepPublishesWhatNoOneRelayedAfterTheWrite() {
        CandidateRegistered registered = registered("c-2");
        mongo.insert(new Thing("t-2", List.of(PendingEvent.of(Topics.CANDIDATES, registered, codec))));

        relay.sweep();

        List<ConsumerRecord<String, byte[]>> records = pollUntil("c-2", 1);
        assertThat(codec.decode(records.get(0).value(), CandidateEvent.class)).isEqualTo(registered);
        await().atMost(Duration.ofSeconds(10)).until(() -> mongo.findById("t-2", Thing.class).outbox().isEmpty());
    }

    /**
     * The sweep asks for the first pending event's id and makes sure of a sparse index on it: the index holds only
     * documents with something to relay, and the filter finds those and no document with an empty or no outbox.
     */
    @Test
    void theSweepFindsPendingOutboxesThroughItsSparseIndex() {
        String things = "outbox-it-sweep-index";
        mongo.dropCollection(things);
        mongo.insert(new Thing("pending", List.of(PendingEvent.of(Topics.CANDIDATES, registered("c-6"), codec))), things);
        mongo.insert(new Thing("emptied", List.of()), things);
        mongo.insert(new org.bson.Document("_id", "never"), things);
        ThreadPoolTaskExecutor lane = new ThreadPoolTaskExecutor();
        lane.setCorePoolSize(1);
        lane.setMaxPoolSize(1);
        lane.initialize();
        OutboxRelay sweeping = new OutboxRelay(mongo, publisher, List.of(lane), List.of(things), meters);
        try {
            assertThat(mongo.find(Query.query(Criteria.where(OutboxRelay.PENDING).exists(true)), Thing.class, things))
                    .extracting(Thing::id).containsExactly("pending");

            sweeping.sweep();

            assertThat(mongo.indexOps(things).getIndexInfo()).filteredOn(index -> index.getName()
                    .equals(OutboxRelay.PENDING_INDEX)).singleElement().satisfies(index -> {
                        assertThat(index.isSparse()).isTrue();
                        assertThat(index.getIndexFields()).extracting(IndexField::getKey)
                                .containsExactly(OutboxRelay.PENDING);
                    });
            pollUntil("c-6", 1);
        } finally {
            sweeping.destroy();
            mongo.dropCollection(things);
        }
    }

    @Test
    void createsEveryTopicExplicitlyWithItsPartitionsAndCleanupPolicy() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(
                    Topics.all().stream().map(t -> t.name()).toList()).allTopicNames().get();
            Topics.all().forEach(definition ->
                    assertThat(topics.get(definition.name()).partitions()).hasSize(definition.partitions()));
            ConfigResource contacts = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CANDIDATE_CONTACTS.name());
            assertThat(admin.describeConfigs(List.of(contacts)).all().get().get(contacts)
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    /** The topics outlive a test method, so only records with this test's key count. */
    @Test
    void carriesTheCorrelationIdOfTheCausingWorkToTheRecordAndIntoTheConsumersLogContext() {
        PendingEvent pending;
        try (CorrelationId.Scope scope = CorrelationId.open("release-4711")) {
            pending = PendingEvent.of(Topics.CANDIDATES, registered("c-3"), codec);
            assertThat(pending.correlationId()).isEqualTo(scope.id());
        }
        mongo.insert(new Thing("t-3", List.of(pending)));

        relay.relay(COLLECTION, "t-3");

        ConsumerRecord<String, byte[]> record = pollUntil("c-3", 1).get(0);
        assertThat(new String(record.headers().lastHeader(CorrelationId.KAFKA_HEADER).value(), StandardCharsets.UTF_8))
                .isEqualTo("release-4711");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "release-4711".equals(CORRELATION_SEEN_BY_CONSUMER.get("c-3")));
    }

    @Test
    void aRelayAfterAWriteContinuesTheWritersTraceIntoTheRecordAndTheConsumer() {
        // as in a web request or a consumer: the work runs inside an observation, which the tracer turns into a span
        String traceId = Observation.createNotStarted("register", observations).observe(() -> {
            mongo.insert(new Thing("t-5", List.of(PendingEvent.of(Topics.CANDIDATES, registered("c-5"), codec))));
            relay.relayAsync(COLLECTION, "t-5");
            return tracer.currentSpan().context().traceId();
        });

        ConsumerRecord<String, byte[]> record = pollUntil("c-5", 1).get(0);
        assertThat(new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                .startsWith("00-" + traceId + "-");
        await().atMost(Duration.ofSeconds(20)).until(() -> traceId.equals(TRACE_SEEN_BY_CONSUMER.get("c-5")));
    }

    /**
     * A group commit writes the documents of several requests on one thread and hands them over in one call: each
     * record continues the trace of the request it was written for, not the committer's (which has none).
     */
    @Test
    void documentsWrittenForSeveralRequestsAtOnceEachContinueTheirOwnRequestsTrace() throws Exception {
        Map<String, String> traceOf = new ConcurrentHashMap<>();
        List<OutboxRelay.Written> written = new ArrayList<>();
        for (String id : List.of("t-6", "t-7")) {
            String key = "c-" + id.substring(2);
            Observation.createNotStarted("publish", observations).observe(() -> {
                PendingEvent event = PendingEvent.of(Topics.CANDIDATES, registered(key), codec);
                mongo.insert(new Thing(id, List.of(event)));
                written.add(new OutboxRelay.Written(id, List.of(event), OutboxRelay.writersContext()));
                traceOf.put(key, tracer.currentSpan().context().traceId());
            });
        }
        Thread committer = new Thread(() -> relay.relayWrittenAsync(COLLECTION, written));
        committer.start();
        committer.join(10_000);

        Map<String, ConsumerRecord<String, byte[]>> received = new ConcurrentHashMap<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> received.putIfAbsent(r.key(), r));
            return received.keySet().containsAll(traceOf.keySet());
        });
        traceOf.forEach((key, traceId) -> assertThat(new String(received.get(key).headers()
                .lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                .as("the trace of the request that wrote %s", key).startsWith("00-" + traceId + "-"));
        assertThat(traceOf.get("c-6")).isNotEqualTo(traceOf.get("c-7"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(mongo.find(
                Query.query(Criteria.where("_id").in("t-6", "t-7")), Thing.class, COLLECTION))
                .allSatisfy(thing -> assertThat(thing.outbox()).isEmpty()));
    }

    @Test
    void aRecordTheConsumerCannotProcessGoesToTheDeadLettersAndIsCounted() {
        double before = meters.get("messaging.dead-letters").tag("topic", Topics.CANDIDATES.name()).counter().count();
        consumer.subscribe(List.of(Topics.CANDIDATES.deadLetters().name()));

        publisher.send(Topics.CANDIDATES.name(), "poison-1", UUID.randomUUID().toString(), "CandidateRegistered.v1",
                "{not json".getBytes(StandardCharsets.UTF_8));

        ConsumerRecord<String, byte[]> deadLetter = pollUntil("poison-1", 1).get(0);
        assertThat(deadLetter.topic()).isEqualTo(Topics.CANDIDATES.deadLetters().name());
        assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        await().atMost(Duration.ofSeconds(10)).until(() -> meters.get("messaging.dead-letters")
                .tag("topic", Topics.CANDIDATES.name()).counter().count() == before + 1);
    }

    private List<ConsumerRecord<String, byte[]>> pollUntil(String key, int count) {
        List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                if (key.equals(r.key())) {
                    received.add(r);
                }
            });
            return received.size() >= count;
        });
        return received;
    }

    private static CandidateRegistered registered(String candidateId) {
        return new CandidateRegistered(UUID.randomUUID(), Instant.parse("2021-05-03T08:15:30Z"), candidateId,
                new CandidateProfile(new SealedValue(1, "bm9uY2U=", "c2VhbGVk"), PriorityGroup.HIGH, List.of("korbach"), 30,
                        Instant.parse("2021-05-01T10:00:00Z"), true));
    }
}
