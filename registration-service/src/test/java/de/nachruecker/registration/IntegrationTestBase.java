package de.nachruecker.registration;

import de.nachruecker.events.EventCodec;
import de.nachruecker.events.Topics;
import de.nachruecker.events.notification.NotificationRequested;
import de.nachruecker.support.messaging.EventPublisher;
import de.nachruecker.support.testing.EmbeddedMongo;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
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
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * One application context for every integration test of the service: a real broker, the MongoDB-protocol server and a
 * clock tests can move. Topics have one partition here, so each test reads exactly what was published after it
 * started, in order.
 */
@ExtendWith(EmbeddedMongo.class)
@SpringBootTest(properties = "nachruecker.topics.partitions=1")
@AutoConfigureMockMvc
@Import(IntegrationTestBase.TestClock.class)
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers", partitions = 1)
abstract class IntegrationTestBase {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String COLLECTION = "registrations";
    static final String OFFERS = "offers";

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
    /** A spy, so that a test can make the broker look unreachable. */
    @MockitoSpyBean
    EventPublisher publisher;

    Consumer<String, byte[]> consumer;
    final List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {

        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock();
        }
    }

    @BeforeEach
    void readFromNowOn() {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "registration-it-" + UUID.randomUUID(), false);
        consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new ByteArrayDeserializer())
                .createConsumer();
        List<TopicPartition> partitions = List.of(new TopicPartition(Topics.CANDIDATES.name(), 0),
                new TopicPartition(Topics.CANDIDATE_CONTACTS.name(), 0),
                new TopicPartition(Topics.NOTIFICATION_REQUESTS.name(), 0),
                new TopicPartition(Topics.OFFER_ANSWERS.name(), 0));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    @AfterEach
    void cleanUp() {
        consumer.close();
        // what this test published must not spill into the next one
        for (String collection : List.of(COLLECTION, OFFERS)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> mongo.count(
                    Query.query(Criteria.where("outbox.0").exists(true)), collection) == 0);
            mongo.remove(new Query(), collection);
        }
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

    static String candidateId(MvcResult result) throws Exception {
        return JSON.readTree(result.getResponse().getContentAsString()).get("candidateId").asString();
    }

    static String accessToken(MvcResult result) throws Exception {
        return JSON.readTree(result.getResponse().getContentAsString()).get("accessToken").asString();
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

    /** Polls until {@code count} notification requests for this candidate arrived. */
    List<NotificationRequested> notificationsOf(String key, int count) {
        return poll(key, count, Topics.NOTIFICATION_REQUESTS.name()).stream()
                .map(r -> codec.decode(r.value(), NotificationRequested.class)).toList();
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
}
