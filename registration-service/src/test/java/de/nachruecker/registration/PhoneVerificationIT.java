package de.nachruecker.registration;

import de.nachruecker.events.candidate.CandidateEvent;
import de.nachruecker.events.candidate.CandidateUpdated;
import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.events.notification.NotificationRequested;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Phone verification by SMS code: requested through the notification topic, entered through the API. */
class PhoneVerificationIT extends IntegrationTestBase {

    @Test
    void theCodeSentAtRegistrationVerifiesThePhoneAndPublishesTheVerifiedProfile() throws Exception {
        MvcResult created = registered("Erika Mustermann", "1950-04-01", "0151 23456789");
        String candidateId = candidateId(created);
        String token = accessToken(created);

        NotificationRequested request = notificationsOf(candidateId, 1).get(0);
        assertThat(request.template()).isEqualTo(MessageTemplate.VERIFICATION_CODE);
        assertThat(request.notificationId()).isEqualTo("verification:" + candidateId + ":1");
        String code = request.parameters().get("code");
        assertThat(code).matches("\\d{6}");
        assertThat(storedDocument(candidateId).toJson()).doesNotContain("\"" + code + "\"");

        enter(token, wrong(code)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("code"))
                .andExpect(jsonPath("$.errors[0].message").value("is not correct; 4 attempts left"));
        enter(token, code).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.verified").value(true));

        List<CandidateEvent> profiles = recordsOf(candidateId, 3).stream()
                .filter(r -> r.topic().equals("candidates"))
                .map(r -> codec.decode(r.value(), CandidateEvent.class)).toList();
        assertThat(profiles).hasSize(2);
        assertThat(((CandidateUpdated) profiles.get(1)).profile().verified()).isTrue();

        enter(token, code).andExpect(status().isOk()).andExpect(jsonPath("$.verified").value(true));
        mvc.perform(withToken(post("/api/registrations/me/verification-code"), token))
                .andExpect(status().isConflict());
    }

    @Test
    void aNewCodeReplacesTheOldOneAndIsBoundedInTimeAndNumber() throws Exception {
        MvcResult created = registered("Erika Mustermann", "1950-04-01", "0151 23456789");
        String candidateId = candidateId(created);
        String token = accessToken(created);
        String first = notificationsOf(candidateId, 1).get(0).parameters().get("code");

        mvc.perform(withToken(post("/api/registrations/me/verification-code"), token))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists(HttpHeaders.RETRY_AFTER));
        clock.advance(Duration.ofSeconds(61));
        mvc.perform(withToken(post("/api/registrations/me/verification-code"), token))
                .andExpect(status().isAccepted());
        NotificationRequested second = notificationsOf(candidateId, 2).get(1);
        assertThat(second.notificationId()).isEqualTo("verification:" + candidateId + ":2");

        if (!first.equals(second.parameters().get("code"))) {
            enter(token, first).andExpect(status().isBadRequest());
        }
        clock.advance(Duration.ofMinutes(16));
        enter(token, second.parameters().get("code")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value("has expired; request a new code"));

        for (int code = 3; code <= 5; code++) {
            mvc.perform(withToken(post("/api/registrations/me/verification-code"), token))
                    .andExpect(status().isAccepted());
            clock.advance(Duration.ofSeconds(61));
        }
        mvc.perform(withToken(post("/api/registrations/me/verification-code"), token))
                .andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.detail").value("No more codes can be sent for this registration."));
        notificationsOf(candidateId, 5);
    }

    @Test
    void fiveWrongEntriesUseUpTheCode() throws Exception {
        MvcResult created = registered("Erika Mustermann", "1950-04-01", "0151 23456789");
        String token = accessToken(created);
        String code = notificationsOf(candidateId(created), 1).get(0).parameters().get("code");

        for (int attempt = 1; attempt <= 3; attempt++) {
            enter(token, wrong(code)).andExpect(status().isBadRequest());
        }
        enter(token, wrong(code)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value("is not correct; 1 attempt left"));
        enter(token, wrong(code)).andExpect(status().isBadRequest());
        enter(token, code).andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.detail").value("Too many wrong codes; request a new code."));
        mvc.perform(withToken(get("/api/registrations/me"), token))
                .andExpect(jsonPath("$.verified").value(false));
    }

    @Test
    void malformedCodesAndForeignTokensAreRefusedWithoutCountingAnAttempt() throws Exception {
        MvcResult created = registered("Erika Mustermann", "1950-04-01", "0151 23456789");
        String code = notificationsOf(candidateId(created), 1).get(0).parameters().get("code");

        enter(accessToken(created), "12a45").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value("must be the 6 digits from the SMS"));
        enter("A".repeat(43), code).andExpect(status().isUnauthorized());
        enter(accessToken(created), wrong(code)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value("is not correct; 4 attempts left"));
    }

    private ResultActions enter(String token, String code) throws Exception {
        return mvc.perform(withToken(post("/api/registrations/me/verification"), token)
                .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(Map.of("code", code))));
    }

    private static String wrong(String code) {
        return "%06d".formatted((Integer.parseInt(code) + 1) % 1_000_000);
    }
}
