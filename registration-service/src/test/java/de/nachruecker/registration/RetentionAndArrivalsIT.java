package de.nachruecker.registration;

import de.nachruecker.events.Topics;
import de.nachruecker.events.arrival.CandidateMissedAppointment;
import de.nachruecker.events.arrival.CandidateVaccinated;
import de.nachruecker.events.candidate.CandidateEvent;
import de.nachruecker.events.candidate.CandidateWithdrawn;
import de.nachruecker.registration.candidate.application.ExpiringRegistrations;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import de.nachruecker.support.personaldata.PersonalDataKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Registrations expire after the retention period and are erased exactly like a withdrawal; what a centre records
 * for a confirmed appointment (vaccinated, missed) reaches the citizen's status, once.
 */
class RetentionAndArrivalsIT extends IntegrationTestBase {

    @Autowired
    ExpiringRegistrations expiring;
    @Autowired
    PersonalDataKeys keys;

    @Test
    void aRegistrationPastTheRetentionPeriodIsErasedLikeAWithdrawal() throws Exception {
        MvcResult old = registered("Erika Mustermann", "1950-04-01", "0151 23456789");
        recordsOf(candidateId(old), 2);
        skip(Duration.ofDays(100));
        MvcResult recent = registered("Hans Meier", "1961-02-03", "0170 1234567");
        enterCodeOf(recent);
        skip(Duration.ofDays(81));

        assertThat(expiring.expire()).isEqualTo(1);

        List<ConsumerRecord<String, byte[]>> records = recordsOf(candidateId(old), 5);
        assertThat(erasure(records.subList(2, 5)).reason()).isEqualTo(CandidateWithdrawn.Reason.RETENTION_EXPIRED);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> storedDocument(candidateId(old)).getList("outbox", Document.class).isEmpty());
        assertThat(storedDocument(candidateId(old)).toJson())
                .doesNotContain("Erika", "Mustermann", "23456789", "example.org", "1950");
        mvc.perform(withToken(get("/api/registrations/me"), accessToken(old)))
                .andExpect(jsonPath("$.status").value("WITHDRAWN"));
        mvc.perform(withToken(get("/api/registrations/me"), accessToken(recent)))
                .andExpect(jsonPath("$.status").value("ACTIVE"));
        assertThat(keys.find(candidateId(old))).as("the expired person's data key left the vault").isEmpty();
        assertThat(keys.find(candidateId(recent))).as("the recent one keeps theirs").isPresent();

        assertThat(expiring.expire()).as("erased once").isZero();
        assertThat(metric("registrations_expired_total")).isEqualTo(1.0);
    }

    @Test
    void aMissedAppointmentIsShownAndAVaccinatedCandidateLeavesThePoolOnce() throws Exception {
        String erika = verifiedCandidate("Erika Mustermann", "0151 23456789");
        String erikaToken = lastToken;
        String hans = verifiedCandidate("Hans Meier", "0170 1234567");
        int erikaRecordsBefore = recordsOf(erika, 3).size();

        Instant missedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        publisher.publish(Topics.ARRIVALS, new CandidateMissedAppointment(UUID.randomUUID(), missedAt, RELEASE,
                "offer-1", erika, "korbach"));
        await().atMost(Duration.ofSeconds(20)).until(() -> storedDocument(erika).get("missedAppointmentAt") != null);
        mvc.perform(withToken(get("/api/registrations/me"), erikaToken))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.missedAppointmentAt").value(missedAt.toString()))
                .andExpect(jsonPath("$.positionBand").value("FRONT"));

        CandidateVaccinated vaccinated = new CandidateVaccinated(UUID.randomUUID(), clock.instant(), RELEASE,
                "offer-2", erika, "korbach");
        publisher.publish(Topics.ARRIVALS, vaccinated);
        publisher.publish(Topics.ARRIVALS, vaccinated);
        // arrivals of one release come in order: once Hans's is stored, Erika's redelivery was handled
        publisher.publish(Topics.ARRIVALS, new CandidateMissedAppointment(UUID.randomUUID(), clock.instant(),
                RELEASE, "offer-3", hans, "korbach"));
        await().atMost(Duration.ofSeconds(20)).until(() -> storedDocument(hans).get("missedAppointmentAt") != null);

        assertThat(storedDocument(erika).getString("status")).isEqualTo("VACCINATED");
        List<ConsumerRecord<String, byte[]>> after = recordsOf(erika, erikaRecordsBefore + 2);
        List<ConsumerRecord<String, byte[]>> left = after.subList(erikaRecordsBefore, after.size());
        assertThat(left).hasSize(2);
        CandidateWithdrawn withdrawn = (CandidateWithdrawn) codec.decode(left.get(0).value(), CandidateEvent.class);
        assertThat(withdrawn.reason()).isEqualTo(CandidateWithdrawn.Reason.VACCINATED);
        assertThat(left.get(1).value()).as("profile tombstone: the compacted topic forgets the birth date").isNull();

        mvc.perform(withToken(get("/api/registrations/me"), erikaToken))
                .andExpect(jsonPath("$.status").value("VACCINATED"))
                .andExpect(jsonPath("$.verified").value(true))
                .andExpect(jsonPath("$.positionBand").doesNotExist());
        mvc.perform(withToken(put("/api/registrations/me/preferences"), erikaToken)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of("centreIds", List.of("kassel"),
                                "maxTravelMinutes", 40))))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.title").value("Already vaccinated"));
        assertThat(recordsOf(erika, erikaRecordsBefore + 2)).hasSize(erikaRecordsBefore + 2);
        assertThat(metric("registrations_vaccinated_total")).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void countersExistFromTheStartWithTheirNewNames() throws Exception {
        String metrics = mvc.perform(get("/actuator/prometheus").with(httpBasic("ops", STAFF_PASSWORD))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(metrics).contains("registrations_accepted_total", "registrations_withdrawn_total",
                "registrations_expired_total", "registrations_unverified_expired_total",
                "registrations_vaccinated_total",
                "registrations_rejected_total{application=\"registration-service\",reason=\"household_full\"}",
                "registration_offers_answered_total{answer=\"decline\"",
                "registration_offers_received_total{application=\"registration-service\",centre=\"korbach\"}",
                "registration_rate_limited_total{action=\"register\"")
                .doesNotContain("registrations_created");
    }

    private String lastToken;

    /** Registers and verifies by the API; keeps the token in {@link #lastToken}. */
    private String verifiedCandidate(String name, String phone) throws Exception {
        MvcResult created = registered(name, "1950-04-01", phone);
        String candidateId = candidateId(created);
        lastToken = accessToken(created);
        String code = notificationsOf(candidateId, 1).get(0).parameters().get("code");
        mvc.perform(withToken(post("/api/registrations/me/verification"), lastToken)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"code\": \"" + code + "\"}"))
                .andExpect(status().isOk());
        return candidateId;
    }

    private double metric(String name) throws Exception {
        String metrics = mvc.perform(get("/actuator/prometheus").with(httpBasic("ops", STAFF_PASSWORD))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        return metrics.lines().filter(line -> line.startsWith(name + "{")).findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).orElseThrow();
    }
}
