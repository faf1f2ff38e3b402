package de.nachruecker.systemtest;

import de.nachruecker.events.DomainEvent;
import de.nachruecker.events.EventCodec;
import de.nachruecker.events.SealedValue;
import de.nachruecker.events.TopicDefinition;
import de.nachruecker.events.Topics;
import de.nachruecker.events.arrival.CandidateMissedAppointment;
import de.nachruecker.events.candidate.CandidateContactChanged;
import de.nachruecker.events.candidate.PhoneKind;
import de.nachruecker.events.candidate.CandidateProfile;
import de.nachruecker.events.candidate.CandidateRegistered;
import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.events.notification.NotificationChannel;
import de.nachruecker.events.notification.NotificationRequested;
import de.nachruecker.events.notification.NotificationSent;
import de.nachruecker.events.offer.OfferAnswered;
import de.nachruecker.events.offer.OfferExpired;
import de.nachruecker.events.release.ReleaseWithdrawn;
import de.nachruecker.support.personaldata.PersonalData;
import de.nachruecker.support.personaldata.PersonalDataCipher;
import de.nachruecker.support.personaldata.PersonalDataKeys;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #7, the event half: every consumed topic gets malformed records (not JSON, binary, empty, an event of another
 * topic, an unknown type, fields of the wrong type, a record of 700 KB) and then one valid marker event under the same
 * key, so all land in one partition in that order. Every consumer group reading the topic must move past the marker
 * within a bound (consumers never stall), every malformed record must be in {@code <topic>.dead-letters} (nothing lost
 * silently), and the marker must not be (it was processed). Where the consumer keeps what it read, the marker shows in
 * its database too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(4)
class EventFuzzingSystemIT {

    private static final Duration CONSUMER_BOUND = Duration.ofSeconds(90);

    private final EventCodec codec = new EventCodec();
    private final long seed = Long.getLong("fuzz.seed", System.nanoTime());
    private final Random random = new Random(seed);
    private PlatformTopics topics;
    private PlatformStores stores;
    /** The platform's key vault: the candidate markers get a data key, as a registration would. */
    private PersonalDataKeys keys;
    private PersonalData sealing;

    /** A consumed topic, a valid marker event for it, and the database where its consumer keeps the marker, if any. */
    record ConsumedTopic(TopicDefinition topic, Function<String, DomainEvent> marker, String keptIn) {
    }

    @BeforeAll
    void startPlatform() throws Exception {
        LocalPlatformProcess platform = LocalPlatformProcess.shared();
        topics = new PlatformTopics(platform);
        stores = new PlatformStores(platform);
        keys = PersonalDataKeys.connect(platform.mongoUri(), PersonalDataKeys.DEFAULT_DATABASE, null);
        sealing = new PersonalData(keys, new PersonalDataCipher(), 1);
        System.out.printf("event fuzzing with seed %s (rerun with -Dfuzz.seed=%s)%n", seed, seed);
    }

    @AfterAll
    void close() {
        topics.close();
        stores.close();
        keys.close();
    }

    private List<ConsumedTopic> consumedTopics() {
        Instant now = Instant.now();
        return List.of(
                new ConsumedTopic(Topics.CANDIDATES, id -> new CandidateRegistered(UUID.randomUUID(), now, id,
                        new CandidateProfile(sealed(id, CandidateRegistered.TYPE, LocalDate.of(1950, 1, 1)),
                                PriorityGroup.GENERAL, List.of("schwalmstadt"), 30, now, false)), "allocation-service"),
                new ConsumedTopic(Topics.CANDIDATE_CONTACTS, id -> new CandidateContactChanged(UUID.randomUUID(), now,
                        id, sealed(id, CandidateContactChanged.TYPE,
                                new CandidateContactChanged.Details("Marker", "+4915100000000", null)),
                        "de", PhoneKind.MOBILE), "notification-service"),
                new ConsumedTopic(Topics.DOSE_RELEASES, id -> new ReleaseWithdrawn(UUID.randomUUID(), now, id,
                        "schwalmstadt", "fuzzing marker"), null),
                new ConsumedTopic(Topics.OFFER_ANSWERS, id -> new OfferAnswered(UUID.randomUUID(), now, id, id, id,
                        OfferAnswered.Answer.DECLINE), null),
                new ConsumedTopic(Topics.OFFERS, id -> new OfferExpired(UUID.randomUUID(), now, id, id, id,
                        OfferExpired.Reason.DEADLINE_PASSED), null),
                new ConsumedTopic(Topics.ARRIVALS, id -> new CandidateMissedAppointment(UUID.randomUUID(), now, id,
                        id, id, "schwalmstadt"), null),
                new ConsumedTopic(Topics.NOTIFICATION_REQUESTS, id -> new NotificationRequested(UUID.randomUUID(),
                        now, id, id, MessageTemplate.TOO_LATE, Map.of()), "notification-service"),
                new ConsumedTopic(Topics.NOTIFICATION_STATUS, id -> new NotificationSent(UUID.randomUUID(), now,
                        "offer:" + id, id, MessageTemplate.OFFER, NotificationChannel.SMS, 1), null));
    }

    private SealedValue sealed(String candidateId, String eventType, Object value) {
        keys.create(candidateId);
        return sealing.seal(candidateId, eventType, value);
    }

    @Test
    void malformedRecordsGoToTheDeadLettersAndNoConsumerStalls() throws Exception {
        List<String> problems = new ArrayList<>();
        Map<ConsumedTopic, Sent> sent = new LinkedHashMap<>();
        for (ConsumedTopic consumed : consumedTopics()) {
            Set<String> groups = topics.groupsConsuming(consumed.topic().name());
            assertThat(groups).as("consumer groups of %s", consumed.topic().name()).isNotEmpty();
            sent.put(consumed, send(consumed, groups));
        }
        for (Map.Entry<ConsumedTopic, Sent> entry : sent.entrySet()) {
            problems.addAll(check(entry.getKey(), entry.getValue()));
        }
        assertThat(problems).as("seed %d", seed).isEmpty();
    }

    /** What was published to one topic: the malformed records' offsets and the marker's. */
    record Sent(String key, Set<String> groups, Map<Long, String> malformed, RecordMetadata marker) {
    }

    private Sent send(ConsumedTopic consumed, Set<String> groups) throws Exception {
        String topic = consumed.topic().name();
        String key = "fuzz-" + topic + "-" + UUID.randomUUID();
        Map<Long, String> malformed = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> record : malformedRecords(consumed).entrySet()) {
            RecordMetadata at = topics.publish(topic, key, record.getValue(), headers(record.getKey()));
            malformed.put(at.offset(), record.getKey());
        }
        DomainEvent marker = consumed.marker().apply(key);
        RecordMetadata markerAt = topics.publish(topic, key, codec.encode(marker), headers(codec.typeOf(marker)));
        System.out.printf("%s: %s malformed records and the marker at partition %s offset %s, read by %s%n", topic,
                malformed.size(), markerAt.partition(), markerAt.offset(), groups);
        return new Sent(key, groups, malformed, markerAt);
    }

    private List<String> check(ConsumedTopic consumed, Sent sent) throws Exception {
        String topic = consumed.topic().name();
        TopicPartition partition = new TopicPartition(topic, sent.marker().partition());
        for (String group : sent.groups()) {
            await(group + " moves past the marker on " + partition).atMost(CONSUMER_BOUND)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> topics.committedOffset(group, partition) > sent.marker().offset());
        }
        List<String> problems = new ArrayList<>();
        Map<Long, Integer> deadLettered = deadLetteredOffsets(topic, sent.marker().partition());
        sent.malformed().forEach((offset, kind) -> {
            if (!deadLettered.containsKey(offset)) {
                problems.add(topic + ": the " + kind + " record (offset " + offset + ") is not in the dead letters");
            }
        });
        if (deadLettered.containsKey(sent.marker().offset())) {
            problems.add(topic + ": the valid marker was dead-lettered");
        }
        if (consumed.keptIn() != null) {
            await(topic + " marker kept by " + consumed.keptIn()).atMost(CONSUMER_BOUND)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> keeps(consumed.keptIn(), sent.key()));
        }
        return problems;
    }

    private boolean keeps(String database, String id) {
        List<String> found = new ArrayList<>();
        stores.forEachDocument(document -> {
            if (document.database().equals(database) && document.json().contains(id)) {
                found.add(document.collection());
            }
        });
        return !found.isEmpty();
    }

    /** Offsets of the topic's partition whose records are in the dead letters, with how often. */
    private Map<Long, Integer> deadLetteredOffsets(String topic, int partition) {
        Map<Long, Integer> offsets = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : topics.readAll(Topics.deadLettersOf(topic))) {
            Header originalTopic = record.headers().lastHeader("x-original-topic");
            Header originalPartition = record.headers().lastHeader("x-original-partition");
            Header originalOffset = record.headers().lastHeader("x-original-offset");
            if (originalTopic != null && originalPartition != null && originalOffset != null
                    && topic.equals(new String(originalTopic.value(), StandardCharsets.UTF_8))
                    && ByteBuffer.wrap(originalPartition.value()).getInt() == partition) {
                offsets.merge(ByteBuffer.wrap(originalOffset.value()).getLong(), 1, Integer::sum);
            }
        }
        return offsets;
    }

    /** The malformed records for a topic, by what is wrong with them. */
    private Map<String, byte[]> malformedRecords(ConsumedTopic consumed) {
        String type = codec.typeOf(consumed.marker().apply("x"));
        Map<String, byte[]> records = new LinkedHashMap<>();
        records.put("not-json", "this is not json {\"type\":".getBytes(StandardCharsets.UTF_8));
        byte[] binary = new byte[1 + random.nextInt(512)];
        random.nextBytes(binary);
        records.put("binary", binary);
        records.put("empty", new byte[0]);
        records.put("json-array", "[1,2,3]".getBytes(StandardCharsets.UTF_8));
        records.put("unknown-type", ("{\"type\":\"NoSuchEvent.v1\",\"eventId\":\"" + UUID.randomUUID() + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        records.put("other-topic-event", codec.encode(otherTopicsEvent(consumed)));
        records.put("wrong-field-types", ("{\"type\":\"" + type + "\",\"eventId\":\"not-a-uuid\","
                + "\"occurredAt\":\"yesterday\",\"parameters\":7,\"profile\":\"none\",\"answer\":{}}")
                .getBytes(StandardCharsets.UTF_8));
        records.put("huge", ("{\"type\":\"" + type + "\",\"eventId\":\"" + "x".repeat(700_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        return records;
    }

    private DomainEvent otherTopicsEvent(ConsumedTopic consumed) {
        List<ConsumedTopic> others = consumedTopics().stream()
                .filter(other -> !other.topic().equals(consumed.topic())).toList();
        return others.get(random.nextInt(others.size())).marker().apply("other-topic");
    }

    private static List<Header> headers(String type) {
        return List.of(new RecordHeader("event-type", type.getBytes(StandardCharsets.UTF_8)),
                new RecordHeader("event-id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)));
    }
}
