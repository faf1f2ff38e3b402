package de.nachruecker.systemtest;

import de.nachruecker.events.EventCodec;
import de.nachruecker.events.Topics;
import de.nachruecker.events.candidate.CandidateContactChanged;
import de.nachruecker.events.candidate.CandidateEvent;
import de.nachruecker.events.candidate.CandidateRegistered;
import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.events.release.DosesReleased;
import de.nachruecker.events.release.ReleaseEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.net.Socket;
import java.net.InetSocketAddress;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole platform as the README starts it: all four services healthy, and what a citizen and an operator do
 * reaches its topic in the documented schema.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(Integer.MAX_VALUE) // last: it stops the shared platform
class LocalPlatformSystemIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final EventCodec codec = new EventCodec();
    private LocalPlatformProcess platform;

    @BeforeAll
    void startPlatform() throws Exception {
        platform = LocalPlatformProcess.shared();
    }

    @Test
    @Order(1)
    void everyServiceIsHealthyWithItsDatabaseAndBroker() throws Exception {
        for (Map.Entry<String, String> service : new PlatformActions(platform).services().entrySet()) {
            HttpResponse<String> anonymous = get(service.getValue() + "/actuator/health");
            assertThat(anonymous.statusCode()).as(service.getKey()).isEqualTo(200);
            assertThat(json.readTree(anonymous.body()).path("status").asString()).as(service.getKey())
                    .isEqualTo("UP");
            assertThat(anonymous.body()).as("%s: the status only, for anyone", service.getKey())
                    .doesNotContain("components");
            assertThat(get(service.getValue() + "/actuator/metrics").statusCode())
                    .as("%s metrics without signing in", service.getKey()).isEqualTo(401);
            HttpRequest asOps = HttpRequest.newBuilder(URI.create(service.getValue() + "/actuator/health"))
                    .header("Authorization", Staff.OPS.authorization()).GET().build();
            // the fuzzing tests send wrong staff passwords on purpose, so ops may be in a sign-in back-off (429)
            HttpResponse<String> health = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> http.send(asOps, HttpResponse.BodyHandlers.ofString()),
                            response -> response.statusCode() != 429);
            JsonNode body = json.readTree(health.body());
            assertThat(health.statusCode()).as(service.getKey()).isEqualTo(200);
            assertThat(body.path("status").asString()).as(service.getKey()).isEqualTo("UP");
            assertThat(body.path("components").path("mongo").path("status").asString())
                    .as("%s mongo", service.getKey()).isEqualTo("UP");
            assertThat(get(service.getValue() + "/v3/api-docs").statusCode())
                    .as("%s OpenAPI", service.getKey()).isEqualTo(200);
        }
        assertThat(platform.output()).contains(platform.endpoints().registrationUrl(),
                platform.endpoints().notificationUrl());
    }

    @Test
    @Order(2)
    void aRegistrationReachesTheCandidateTopicsPseudonymousAndTheContactTopicSeparately() throws Exception {
        String phone = "+4915123456789"; // the platform starts with --fresh data, so no earlier registration holds it
        String body = """
                {"name": "Erika Systemtest", "birthDate": "1944-03-12", "phone": "%s",
                 "email": "erika@example.org", "language": "de", "priorityGroup": "HIGHEST",
                 "centreIds": ["korbach"], "maxTravelMinutes": 30, "consent": true}
                """.formatted(phone);
        HttpResponse<String> response = post(platform.endpoints().registrationUrl() + "/api/registrations", body, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String candidateId = json.readTree(response.body()).path("candidateId").asString();
        assertThat(candidateId).isNotBlank();

        ConsumerRecord<String, byte[]> candidate = firstRecord(Topics.CANDIDATES.name(), candidateId);
        String candidateJson = new String(candidate.value(), StandardCharsets.UTF_8);
        assertThat(candidateJson).contains("\"type\":\"CandidateRegistered.v2\"")
                .doesNotContain("Erika", phone, "example.org", "1944-03-12");
        CandidateRegistered registered = (CandidateRegistered) codec.decode(candidate.value(), CandidateEvent.class);
        assertThat(registered.profile().priorityGroup()).isEqualTo(PriorityGroup.HIGHEST);
        assertThat(registered.profile().centreIds()).containsExactly("korbach");

        ConsumerRecord<String, byte[]> contact = firstRecord(Topics.CANDIDATE_CONTACTS.name(), candidateId);
        assertThat(new String(contact.value(), StandardCharsets.UTF_8)).contains("CandidateContactChanged.v2")
                .doesNotContain("Erika", phone, "example.org");
        CandidateContactChanged changed = codec.decode(contact.value(), CandidateContactChanged.class);
        assertThat(changed.contact().ciphertext()).as("name, phone and email travel sealed").isNotBlank();
        assertThat(changed.language()).isEqualTo("de");
    }

    @Test
    @Order(3)
    void aReleaseReachesTheReleaseTopicKeyedByCentre() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String body = """
                {"centreId": "korbach", "product": "COMIRNATY", "doseCount": 3,
                 "window": {"from": "%s", "to": "%s"}, "usableUntil": "%s"}
                """.formatted(now.plus(Duration.ofMinutes(30)), now.plus(Duration.ofHours(2)),
                now.plus(Duration.ofHours(3)));
        HttpResponse<String> response = post(platform.endpoints().slotUrl() + "/api/releases", body,
                Staff.OPERATOR_KORBACH.authorization());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String releaseId = json.readTree(response.body()).path("id").asString();

        ConsumerRecord<String, byte[]> record = firstMatching(Topics.DOSE_RELEASES.name(), "korbach",
                r -> new String(r.value(), StandardCharsets.UTF_8).contains(releaseId));
        DosesReleased released = (DosesReleased) codec.decode(record.value(), ReleaseEvent.class);
        assertThat(released.doseCount()).isEqualTo(3);
        assertThat(released.product()).isEqualTo("COMIRNATY");
        assertThat(released.usableUntil()).isEqualTo(now.plus(Duration.ofHours(3)));
    }

    @Test
    @Order(99)
    void ctrlCStopsEverything() throws Exception {
        // 128 + 15: the JVM ended by SIGTERM once its shutdown hook had stopped everything (a launcher that had to be
        // killed makes stop() throw instead)
        assertThat(platform.stop()).as("the launcher's exit code").isEqualTo(143);
        for (int port : platform.endpoints().ports()) {
            assertThat(isListening(port)).as("port %d after stop", port).isFalse();
        }
    }

    private ConsumerRecord<String, byte[]> firstRecord(String topic, String key) {
        return firstMatching(topic, key, r -> true);
    }

    private ConsumerRecord<String, byte[]> firstMatching(String topic, String key,
                                                         Predicate<ConsumerRecord<String, byte[]>> match) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "system-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            await(topic + " record with key " + key).atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    if (key.equals(record.key()) && record.value() != null && match.test(record)) {
                        found.add(record);
                    }
                }
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
