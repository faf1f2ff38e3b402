package de.nachruecker.allocation.it;

import de.nachruecker.allocation.offer.persistence.OfferDocument;
import de.nachruecker.events.Topics;
import de.nachruecker.events.candidate.PriorityGroup;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class RulesAndOpsIT extends AllocationIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Test
    void aRuleChangeMidDayOpensAGroupAndTheAuditTrailNamesTheVersion() throws Exception {
        clock.set(Instant.parse("2021-05-20T08:00:00Z")); // §2–§4 open, everyone else waits
        List<String> general = register(3, PriorityGroup.GENERAL);
        String releaseId = release(1);
        await().atMost(Duration.ofSeconds(15)).until(() -> releaseStore.find(releaseId).isPresent());
        vialClock.watch();
        assertThat(offers(releaseId)).isEmpty();

        String body = """
                {"openGroups": ["HIGHEST", "HIGH", "RAISED", "GENERAL"], "prioritised": true,
                 "minAgeByProduct": {"VAXZEVRIA": 60, "JANSSEN": 60}, "responseWindowMinutes": 10,
                 "minResponseWindowMinutes": 5, "maxTravelMinutes": 60,
                 "comment": "district opens leftover doses to everyone"}""";
        String version = mvc.perform(put("/api/ops/rules").with(httpBasic("ops-anna", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.changedBy").value("ops-anna"))
                .andReturn().getResponse().getContentAsString().replaceAll(".*\"version\":(\\d+).*", "$1");

        vialClock.watch();
        List<OfferDocument> offers = offers(releaseId);
        assertThat(offers).extracting(OfferDocument::candidateId).containsExactlyInAnyOrderElementsOf(general);
        assertThat(offers).allSatisfy(offer -> {
            assertThat(offer.ruleVersion()).isEqualTo(Integer.parseInt(version));
            assertThat(offer.answerDeadline()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
        });

        mvc.perform(get("/api/ops/releases/{id}/audit", releaseId).with(httpBasic("ops-anna", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(3))
                .andExpect(jsonPath("$[0].wave").value(1))
                .andExpect(jsonPath("$[0].rank").value(1))
                .andExpect(jsonPath("$[0].candidateId").value(general.get(0)))
                .andExpect(jsonPath("$[0].ruleVersion").value(Integer.parseInt(version)));
        mvc.perform(get("/api/ops/releases/{id}", releaseId).with(httpBasic("ops-anna", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("OPEN"))
                .andExpect(jsonPath("$.openOffers").value(3))
                .andExpect(jsonPath("$.firstOfferAt").value(clock.instant().toString()));
        mvc.perform(get("/api/ops/rules").with(httpBasic("ops-anna", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.inForce.version").value(Integer.parseInt(version)))
                .andExpect(jsonPath("$.inForce.comment").value("district opens leftover doses to everyone"));
    }

    @Test
    void aRuleChangeWithATokenIsAuditedWithTheIdentityProvidersUserName() throws Exception {
        String body = """
                {"validFrom": "2100-01-01T00:00:00Z", "openGroups": ["HIGHEST"], "prioritised": true,
                 "responseWindowMinutes": 15, "minResponseWindowMinutes": 5, "maxTravelMinutes": 30,
                 "comment": "prepared for a future shortage"}""";
        mvc.perform(put("/api/ops/rules")
                        .header("Authorization", "Bearer " + StaffTokens.token("anna.schmidt", List.of("OPS"), List.of()))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.changedBy").value("anna.schmidt"));
    }

    @Test
    void theOpsApiNeedsStaffAndValidInput() throws Exception {
        mvc.perform(get("/api/ops/rules")).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.status").value(401));
        mvc.perform(get("/api/ops/rules").with(httpBasic("ops-anna", "wrong"))).andExpect(status().isUnauthorized());
        mvc.perform(put("/api/ops/rules").with(httpBasic("admin-ben", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"openGroups\": [], \"comment\": \"\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'openGroups')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'responseWindowMinutes')]").exists());
        mvc.perform(get("/api/ops/releases/{id}", "no-such-release").with(httpBasic("ops-anna", PASSWORD)))
                .andExpect(status().isNotFound());
    }

    @Test
    void aMalformedReleaseEventGoesToTheDeadLettersAndTheNextOneIsStillServed() {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "dlq-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        String garbage = "not json " + UUID.randomUUID();
        try (Consumer<String, byte[]> deadLetters = new DefaultKafkaConsumerFactory<>(props,
                new StringDeserializer(), new ByteArrayDeserializer()).createConsumer()) {
            deadLetters.subscribe(List.of(Topics.deadLettersOf(Topics.DOSE_RELEASES.name())));
            publisher.send(Topics.DOSE_RELEASES.name(), centre, UUID.randomUUID().toString(), "DosesReleased.v1",
                    garbage.getBytes(StandardCharsets.UTF_8));
            register(2, PriorityGroup.GENERAL);
            String releaseId = release(1);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                boolean found = false;
                for (ConsumerRecord<String, byte[]> record : deadLetters.poll(Duration.ofMillis(200))) {
                    found |= new String(record.value(), StandardCharsets.UTF_8).equals(garbage);
                }
                assertThat(found).isTrue();
            });
            await().atMost(Duration.ofSeconds(15)).until(() -> offers(releaseId).size() == 2);
        }
    }
}
