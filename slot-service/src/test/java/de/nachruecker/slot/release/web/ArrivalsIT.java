package de.nachruecker.slot.release.web;

import de.nachruecker.events.Topics;
import de.nachruecker.events.arrival.ArrivalEvent;
import de.nachruecker.events.arrival.CandidateMissedAppointment;
import de.nachruecker.events.arrival.CandidateVaccinated;
import de.nachruecker.slot.testing.OfferEventSender;
import de.nachruecker.slot.testing.SlotServiceTestBase;
import de.nachruecker.slot.testing.TopicReader;
import de.nachruecker.support.testing.AtOnce;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.ResultActions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static de.nachruecker.slot.testing.OfferEventSender.confirmed;
import static de.nachruecker.slot.testing.OfferEventSender.made;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An operator records what became of confirmed appointments: each one once, published on {@code arrivals} through the
 * outbox; a second record is a 409 and publishes nothing.
 */
class ArrivalsIT extends SlotServiceTestBase {

    @Autowired
    MeterRegistry meters;

    TopicReader arrivals;

    @BeforeEach
    void readArrivalsFromNowOn() {
        arrivals = new TopicReader(broker, Topics.ARRIVALS);
    }

    @AfterEach
    void closeReader() {
        arrivals.close();
    }

    @Test
    void vaccinatedAndMissedArePublishedOnceEach() throws Exception {
        String releaseId = releaseWithAppointments("offer-1", "offer-2");
        double vaccinatedBefore = meters.get("releases.arrivals").tag("centre", "korbach")
                .tag("product", "COMIRNATY").tag("outcome", "vaccinated").counter().count();

        record(releaseId, "offer-1", "VACCINATED")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.offerId").value("offer-1"))
                .andExpect(jsonPath("$.arrival").value("VACCINATED"))
                .andExpect(jsonPath("$.recordedAt").exists());
        ConsumerRecord<String, byte[]> first = arrivals.until(1).get(0);
        assertThat(first.key()).isEqualTo(releaseId);
        assertThat(codec.decode(first.value(), ArrivalEvent.class)).isInstanceOfSatisfying(CandidateVaccinated.class,
                vaccinated -> {
                    assertThat(vaccinated.releaseId()).isEqualTo(releaseId);
                    assertThat(vaccinated.offerId()).isEqualTo("offer-1");
                    assertThat(vaccinated.candidateId()).isEqualTo("cand-offer-1");
                    assertThat(vaccinated.centreId()).isEqualTo("korbach");
                });

        record(releaseId, "offer-1", "MISSED")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.title").value("Arrival already recorded"))
                .andExpect(jsonPath("$.detail", containsString("already recorded as VACCINATED")));

        // same key, same partition: had the refused record published anything, it would arrive before this one
        record(releaseId, "offer-2", "MISSED").andExpect(status().isOk());
        List<ConsumerRecord<String, byte[]>> next = arrivals.until(1);
        assertThat(next).hasSize(1);
        assertThat(codec.decode(next.get(0).value(), ArrivalEvent.class))
                .isInstanceOfSatisfying(CandidateMissedAppointment.class,
                        missed -> assertThat(missed.offerId()).isEqualTo("offer-2"));

        mvc.perform(get("/api/releases/{id}", releaseId).with(httpBasic("operator-korbach", PASSWORD)))
                .andExpect(jsonPath("$.fill.vaccinated").value(1))
                .andExpect(jsonPath("$.fill.missed").value(1));
        assertThat(meters.get("releases.arrivals").tag("centre", "korbach").tag("product", "COMIRNATY")
                .tag("outcome", "vaccinated").counter().count()).isEqualTo(vaccinatedBefore + 1);
    }

    @Test
    void concurrentRecordsOfOneAppointmentPublishOnce() throws Exception {
        String releaseId = releaseWithAppointments("offer-race");
        List<Callable<MockHttpServletResponse>> operators = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String outcome = i % 2 == 0 ? "VACCINATED" : "MISSED";
            operators.add(() -> record(releaseId, "offer-race", outcome).andReturn().getResponse());
        }
        List<Integer> statuses = AtOnce.call(Duration.ofSeconds(30), operators).stream()
                .map(MockHttpServletResponse::getStatus).toList();
        assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 409);

        String sentinel = releaseWithAppointments("offer-sentinel");
        record(sentinel, "offer-sentinel", "VACCINATED").andExpect(status().isOk());
        List<ConsumerRecord<String, byte[]>> published = arrivals.until(2);
        assertThat(published).extracting(r -> codec.decode(r.value(), ArrivalEvent.class).offerId())
                .containsExactlyInAnyOrder("offer-race", "offer-sentinel");
    }

    @Test
    void unknownAppointmentsAndOutcomesAreRefused() throws Exception {
        String releaseId = releaseWithAppointments("offer-known");
        record(releaseId, "offer-unknown", "VACCINATED")
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.title").value("Appointment not found"));
        record(releaseId, "offer-known", "ASLEEP").andExpect(status().isBadRequest());
        record("no-such-release", "offer-known", "VACCINATED").andExpect(status().isNotFound());
    }

    /** A published release whose offers were confirmed to candidates {@code cand-<offerId>}. */
    private String releaseWithAppointments(String... offerIds) throws Exception {
        String releaseId = publishRelease("operator-korbach", "korbach", offerIds.length);
        try (OfferEventSender offers = offers()) {
            for (String offerId : offerIds) {
                offers.send(made(releaseId, offerId, "cand-" + offerId));
                offers.send(confirmed(releaseId, offerId, "cand-" + offerId));
            }
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/api/releases/{id}", releaseId).with(httpBasic("operator-korbach", PASSWORD)))
                        .andExpect(jsonPath("$.fill.confirmed").value(offerIds.length)));
        return releaseId;
    }

    private ResultActions record(String releaseId, String offerId, String outcome) throws Exception {
        return mvc.perform(post("/api/releases/{id}/appointments/{offerId}/arrival", releaseId, offerId)
                .with(httpBasic("operator-korbach", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"outcome\": \"" + outcome + "\"}"));
    }
}
