package de.nachruecker.registration;

import de.nachruecker.events.EventCodec;
import de.nachruecker.events.Topics;
import de.nachruecker.events.candidate.CandidateEvent;
import de.nachruecker.events.candidate.CandidateRegistered;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import de.nachruecker.support.testing.RealImages;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.testcontainers.junit.jupiter.Container;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Registration against the real {@code apache/kafka} and {@code mongo} images (real unique-index errors, real
 * broker); skipped where there is no Docker.
 */
@SpringBootTest
@AutoConfigureMockMvc
class RegistrationContainersIT extends RealImages {

    private static final String BODY = """
            {"name": "Erika Mustermann", "birthDate": "1950-04-01", "phone": "%s", "priorityGroup": "HIGH",
             "centreIds": ["korbach"], "maxTravelMinutes": 30, "consent": true}""";

    @Autowired
    MockMvc mvc;
    @Autowired
    EventCodec codec;

    @Test
    void registrationReachesCandidatesAndAnUnverifiedOneKeepsNoOneOut() throws Exception {
        String answer = mvc.perform(post("/api/registrations").contentType(MediaType.APPLICATION_JSON)
                        .content(BODY.formatted("0151 23456789")))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String candidateId = JsonMapper.builder().build().readTree(answer).get("candidateId").asString();

        mvc.perform(post("/api/registrations").contentType(MediaType.APPLICATION_JSON)
                        .content(BODY.formatted("0170 1234567")))
                .andExpect(status().isCreated());

        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "containers-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.CANDIDATES.name()));
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return !records.isEmpty();
            });
            assertThat(records.get(0).key()).isEqualTo(candidateId);
            assertThat(codec.decode(records.get(0).value(), CandidateEvent.class))
                    .isInstanceOf(CandidateRegistered.class);
        }
    }
}
