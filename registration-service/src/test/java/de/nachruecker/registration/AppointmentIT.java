package de.nachruecker.registration;

import de.nachruecker.events.Topics;
import de.nachruecker.events.offer.AppointmentCancelled;
import de.nachruecker.events.offer.OfferAnswerEvent;
import de.nachruecker.events.offer.OfferConfirmed;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** After the yes: the confirmed appointment on the citizen's status, and its cancellation through the API. */
class AppointmentIT extends IntegrationTestBase {

    @Test
    void theConfirmedAppointmentIsShownWithReferenceAndPhoneAndCanBeCancelledStayingOnTheList() throws Exception {
        Registered citizen = registeredAndVerified("0151 23456701");
        MadeOffer offer = confirmedOffer(citizen, "7K3M-Q9XA");

        me(citizen.token()).andExpect(status().isOk())
                .andExpect(jsonPath("$.appointment.reference").value("7K3M-Q9XA"))
                .andExpect(jsonPath("$.appointment.offerId").value(offer.event().offerId()))
                .andExpect(jsonPath("$.appointment.centreName").value("Impfzentrum Waldeck-Frankenberg"))
                .andExpect(jsonPath("$.appointment.centreAddress").value("Demo-Straße 1, 34497 Korbach"))
                .andExpect(jsonPath("$.appointment.centrePhone").value("+49 30 23125 001"))
                .andExpect(jsonPath("$.appointment.product").value("COMIRNATY"))
                .andExpect(jsonPath("$.appointment.windowFrom").exists())
                .andExpect(jsonPath("$.openOffer").doesNotExist())
                .andExpect(jsonPath("$.positionBand").doesNotExist());

        cancel(citizen.token(), Map.of()).andExpect(status().isBadRequest());
        cancel(citizen.token(), Map.of("stayOnList", true)).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.appointment").doesNotExist())
                .andExpect(jsonPath("$.positionBand").exists());

        List<ConsumerRecord<String, byte[]>> onTopic = poll(offer.event().releaseId(), 1,
                Topics.OFFER_ANSWERS.name());
        assertThat(onTopic).hasSize(1);
        assertThat(codec.decode(onTopic.get(0).value(), OfferAnswerEvent.class))
                .isInstanceOfSatisfying(AppointmentCancelled.class, cancelled -> {
                    assertThat(cancelled.offerId()).isEqualTo(offer.event().offerId());
                    assertThat(cancelled.candidateId()).isEqualTo(citizen.candidateId());
                });
        assertThat(stored(offer).getString("state")).isEqualTo("CANCELLED");

        // once only: a second cancellation (another device, a retry) finds nothing to cancel
        cancel(citizen.token(), Map.of("stayOnList", true)).andExpect(status().isConflict())
                .andExpect(jsonPath("$.title").value("No appointment"));
        // and a late or redelivered confirmation does not bring it back
        publisher.publish(Topics.OFFERS, confirmation(offer, "7K3M-Q9XA"));
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(stored(offer).getString("state")).isEqualTo("CANCELLED"));
        assertThat(poll(offer.event().releaseId(), 1, Topics.OFFER_ANSWERS.name())).hasSize(1);
    }

    @Test
    void cancellingAndLeavingTheListWithdrawsTheRegistration() throws Exception {
        Registered citizen = registeredAndVerified("0151 23456702");
        MadeOffer offer = confirmedOffer(citizen, "ABCD-EFGH");

        cancel(citizen.token(), Map.of("stayOnList", false)).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("WITHDRAWN"))
                .andExpect(jsonPath("$.appointment").doesNotExist());

        assertThat(poll(offer.event().releaseId(), 1, Topics.OFFER_ANSWERS.name())).hasSize(1);
        assertThat(stored(offer).getString("state")).isEqualTo("CANCELLED");
    }

    @Test
    void anAppointmentWhoseArrivalWasRecordedIsNoLongerShownOrCancellable() throws Exception {
        Registered citizen = registeredAndVerified("0151 23456703");
        MadeOffer offer = confirmedOffer(citizen, "QRST-VWXY");

        publisher.publish(Topics.ARRIVALS, new de.nachruecker.events.arrival.CandidateMissedAppointment(
                UUID.randomUUID(), clock.instant(), offer.event().releaseId(), offer.event().offerId(),
                citizen.candidateId(), "korbach"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(stored(offer).getString("state")).isEqualTo("ARRIVAL_RECORDED"));
        me(citizen.token()).andExpect(jsonPath("$.appointment").doesNotExist());
        cancel(citizen.token(), Map.of("stayOnList", true)).andExpect(status().isConflict());
    }

    private record Registered(String candidateId, String token) {
    }

    private Registered registeredAndVerified(String phone) throws Exception {
        MvcResult created = registered("Erika Mustermann", "1944-03-12", phone);
        Registered citizen = new Registered(candidateId(created), accessToken(created));
        String code = notificationsOf(citizen.candidateId(), 1).get(0).parameters().get("code");
        mvc.perform(withToken(post("/api/registrations/me/verification"), citizen.token())
                        .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(Map.of("code", code))))
                .andExpect(status().isOk());
        return citizen;
    }

    private MadeOffer confirmedOffer(Registered citizen, String reference) throws Exception {
        MadeOffer offer = offerArrives(Duration.ofMinutes(15), citizen.candidateId());
        publisher.publish(Topics.OFFERS, confirmation(offer, reference));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(stored(offer).getString("state")).isEqualTo("CONFIRMED"));
        assertThat(stored(offer).getString("reference")).isEqualTo(reference);
        return offer;
    }

    private OfferConfirmed confirmation(MadeOffer offer, String reference) {
        return new OfferConfirmed(UUID.randomUUID(), clock.instant(), offer.event().releaseId(),
                offer.event().offerId(), offer.event().candidateId(), "korbach", offer.event().windowFrom(),
                offer.event().windowTo(), reference);
    }

    private ResultActions me(String token) throws Exception {
        return mvc.perform(withToken(get("/api/registrations/me"), token));
    }

    private ResultActions cancel(String token, Map<String, Object> body) throws Exception {
        return mvc.perform(withToken(post("/api/registrations/me/appointment/cancellation"), token)
                .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body)));
    }
}
