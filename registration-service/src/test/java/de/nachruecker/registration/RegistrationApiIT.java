package de.nachruecker.registration;

import de.nachruecker.events.Topics;
import de.nachruecker.events.candidate.CandidateContactChanged;
import de.nachruecker.events.candidate.CandidateEvent;
import de.nachruecker.events.candidate.CandidateRegistered;
import de.nachruecker.events.candidate.CandidateUpdated;
import de.nachruecker.events.candidate.CandidateWithdrawn;
import de.nachruecker.events.candidate.PhoneKind;
import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.events.notification.NotificationRequested;
import de.nachruecker.registration.shared.model.Sha256;
import de.nachruecker.support.personaldata.PersonalData;
import de.nachruecker.support.personaldata.PersonalDataCipher;
import de.nachruecker.support.personaldata.PersonalDataKeys;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import de.nachruecker.support.testing.ManagementEndpointMatrix;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The registration API: what a citizen does reaches Mongo and the topics, what is refused reaches neither, and a
 * token opens only its own registration.
 */
class RegistrationApiIT extends IntegrationTestBase {

    @Autowired
    private PersonalData personalData;
    @Autowired
    private PersonalDataKeys keys;

    /** Issue #15: an unroutable path answered Boot's own JSON error (not a problem) or the container's HTML page. */
    @Test
    void aPathNothingServesIsAProblemForTheApiAndThePageForBrowsers() throws Exception {
        for (String path : List.of("/api/registrations/me/nothing", "/api/nothing", "/nothing")) {
            mvc.perform(get(path).accept(MediaType.APPLICATION_JSON))
                    .andExpect(status().isNotFound())
                    .andExpect(header().string(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                    .andExpect(jsonPath("$.status").value(404))
                    .andExpect(jsonPath("$.instance").value(path));
        }
        String page = mvc.perform(get("/nicht-da").accept(MediaType.TEXT_HTML, MediaType.ALL))
                .andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Seite nicht gefunden", "Zur Startseite");
    }

    @Test
    void registrationIsStoredAndPublishedAsPseudonymousProfileAndContact() throws Exception {
        MvcResult result = mvc.perform(register(request("Erika Mustermann", "1950-04-01", "0151 23456789")))
                .andExpect(status().isCreated())
                .andExpect(header().string(HttpHeaders.LOCATION, "/api/registrations/me"))
                .andExpect(jsonPath("$.status").value("AWAITING_VERIFICATION"))
                .andExpect(jsonPath("$.verified").value(false))
                .andExpect(jsonPath("$.preferences.centreIds[0]").value("korbach"))
                .andReturn();
        JsonNode body = JSON.readTree(result.getResponse().getContentAsString());
        String candidateId = body.get("candidateId").asString();
        String token = body.get("accessToken").asString();
        assertThat(token).matches("[0-9A-HJKMNP-TV-Z]{28}");

        List<ConsumerRecord<String, byte[]>> records = recordsOf(candidateId, 2);
        ConsumerRecord<String, byte[]> profile = only(records, Topics.CANDIDATES.name());
        JsonNode profileJson = JSON.readTree(profile.value());
        assertThat(profileJson.get("type").asString()).isEqualTo(CandidateRegistered.TYPE);
        assertThat(profileJson.get("candidateId").asString()).isEqualTo(candidateId);
        assertThat(profileJson.get("profile").get("verified").asBoolean()).isFalse();
        // the sealed value's random key version may contain any digits, the birth year too
        assertThat(new String(profile.value(), StandardCharsets.UTF_8).replaceAll("\"keyVersion\":\\d+", ""))
                .doesNotContain("Erika", "Mustermann", "23456789", "example.org", "1950")
                .doesNotContain("\"name\"", "\"phone\"", "\"email\"");
        CandidateRegistered registered = (CandidateRegistered) codec.decode(profile.value(), CandidateEvent.class);
        assertThat(personalData.open(candidateId, CandidateRegistered.TYPE, registered.profile().birthDate(),
                LocalDate.class)).as("the birth date, sealed with the person's key").contains(LocalDate.of(1950, 4, 1));
        assertThat(registered.profile().priorityGroup()).isEqualTo(PriorityGroup.HIGH);
        assertThat(registered.profile().centreIds()).containsExactly("korbach");
        assertThat(registered.profile().maxTravelMinutes()).isEqualTo(30);

        byte[] contactRecord = only(records, Topics.CANDIDATE_CONTACTS.name()).value();
        assertThat(new String(contactRecord, StandardCharsets.UTF_8))
                .doesNotContain("Erika", "Mustermann", "23456789", "example.org");
        CandidateContactChanged contact = codec.decode(contactRecord, CandidateContactChanged.class);
        assertThat(contact.candidateId()).isEqualTo(candidateId);
        assertThat(personalData.open(candidateId, CandidateContactChanged.TYPE, contact.contact(),
                CandidateContactChanged.Details.class)).contains(new CandidateContactChanged.Details(
                "Erika Mustermann", "+4915123456789", "erika@example.org"));
        assertThat(contact.language()).isEqualTo("de");
        assertThat(contact.phoneKind()).isEqualTo(PhoneKind.MOBILE);

        Document stored = storedDocument(candidateId);
        assertThat(stored.getString("accessTokenHash")).isEqualTo(Sha256.hex(token));
        assertThat(stored.toJson()).doesNotContain(token);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> storedDocument(candidateId).getList("outbox", Document.class).isEmpty());

        mvc.perform(get("/api/registrations/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.candidateId").value(candidateId))
                .andExpect(jsonPath("$.priorityGroup").value("HIGH"))
                .andExpect(jsonPath("$.preferences.language").value("de"))
                .andExpect(jsonPath("$.accessToken").doesNotExist());
    }

    /** Without a mobile: a German landline, whose messages become calls; the contact says so. */
    @Test
    void aLandlineIsRegisteredAsSuchAndAMobileGivenAsLandlineIsRefused() throws Exception {
        Map<String, Object> landline = request("Karl Festnetz", "1938-06-30", "05631 123456");
        landline.put("phoneKind", "LANDLINE");
        MvcResult result = mvc.perform(register(landline)).andExpect(status().isCreated()).andReturn();
        String candidateId = JSON.readTree(result.getResponse().getContentAsString()).get("candidateId").asString();

        CandidateContactChanged contact = codec.decode(only(recordsOf(candidateId, 2),
                Topics.CANDIDATE_CONTACTS.name()).value(), CandidateContactChanged.class);
        assertThat(personalData.open(candidateId, CandidateContactChanged.TYPE, contact.contact(),
                CandidateContactChanged.Details.class).orElseThrow().phone()).isEqualTo("+495631123456");
        assertThat(contact.phoneKind()).isEqualTo(PhoneKind.LANDLINE);
        assertThat(storedDocument(candidateId).getString("phoneKind")).isEqualTo("LANDLINE");

        Map<String, Object> mobileAsLandline = request("Grete Handy", "1940-01-02", "0151 23456780");
        mobileAsLandline.put("phoneKind", "LANDLINE");
        mvc.perform(register(mobileAsLandline)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'phone')].message")
                        .value("must be a landline number (a mobile number gets SMS: choose mobile)"));
        mvc.perform(register(request("Grete Festnetz", "1940-01-02", "05631 123457")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'phone')].message")
                        .value("must be a mobile number that can receive SMS"));
        Map<String, Object> unknownKind = request("Grete Satellit", "1940-01-02", "0151 23456781");
        unknownKind.put("phoneKind", "SATELLITE");
        mvc.perform(register(unknownKind)).andExpect(status().isBadRequest());
    }

    @Test
    void invalidInputGetsFieldErrorsAndNothingIsStoredOrPublished() throws Exception {
        mvc.perform(register(Map.of("name", "", "birthDate", "1950-04-01", "phone", "0151 23456789",
                        "priorityGroup", "HIGH", "centreIds", List.of("korbach"), "maxTravelMinutes", 2,
                        "consent", false)))
                .andExpect(status().isBadRequest())
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors[?(@.field == 'name')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'consent')].message")
                        .value("consent is required to register"))
                .andExpect(jsonPath("$.errors[?(@.field == 'maxTravelMinutes')]").exists());

        Map<String, Object> breaksDomainRules = request("Erika Mustermann", LocalDate.now().plusDays(2).toString(),
                "+49 561 1234567");
        breaksDomainRules.put("centreIds", List.of("korbach", "atlantis"));
        mvc.perform(register(breaksDomainRules))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'phone')].message")
                        .value("must be a mobile number that can receive SMS"))
                .andExpect(jsonPath("$.errors[?(@.field == 'birthDate')].message").value("must not be in the future"))
                .andExpect(jsonPath("$.errors[?(@.field == 'centreIds')].message").value("unknown centre: atlantis"));

        Map<String, Object> tooYoung = request("Max Mustermann", LocalDate.now().minusYears(15).toString(),
                "+33 6 12 34 56 78");
        tooYoung.put("priorityGroup", "VIP");
        mvc.perform(register(tooYoung))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("priorityGroup"))
                .andExpect(jsonPath("$.errors[0].message").value("must be one of [HIGHEST, HIGH, RAISED, GENERAL]"));
        tooYoung.put("priorityGroup", "GENERAL");
        mvc.perform(register(tooYoung))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("birthDate"))
                .andExpect(jsonPath("$.errors[0].message").value("registration is open from the age of 16"));

        // issue #15: "30" was taken as 30, 30.5 as 30, a number as a name; strict JSON names the field instead
        for (Object travel : List.of("30", 30.5, true)) {
            Map<String, Object> coerced = request("Erika Mustermann", "1950-04-01", "0151 23456789");
            coerced.put("maxTravelMinutes", travel);
            mvc.perform(register(coerced))
                    .andExpect(status().isBadRequest())
                    .andExpect(header().string(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                    .andExpect(jsonPath("$.errors[0].field").value("maxTravelMinutes"))
                    .andExpect(jsonPath("$.errors[0].pointer").value("/maxTravelMinutes"));
        }
        Map<String, Object> numberAsName = request("Erika Mustermann", "1950-04-01", "0151 23456789");
        numberAsName.put("name", 42);
        numberAsName.put("centreIds", List.of("korbach", 7));
        mvc.perform(register(numberAsName)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("name"));
        numberAsName.put("name", "Erika Mustermann");
        mvc.perform(register(numberAsName)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("centreIds[1]"));

        assertThat(mongo.count(new Query(), COLLECTION)).isZero();
        String later = candidateId(mvc.perform(register(request("Erika Mustermann", "1950-04-01", "0151 23456789")))
                .andExpect(status().isCreated()).andReturn());
        List<ConsumerRecord<String, byte[]>> records = recordsOf(later, 2);
        assertThat(received).extracting(ConsumerRecord::key).containsOnly(later);
        assertThat(records).hasSize(2);
    }

    /**
     * The API's titles are English, so are its messages: a German JVM, or a client asking for German, once got
     * "Größe muss zwischen 0 und 100 sein" under "Invalid input".
     */
    @Test
    void validationMessagesAreEnglishWhateverTheLocale() throws Exception {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            Map<String, Object> longName = request("E".repeat(200_000), "1950-04-01", "0151 23456789");
            for (String language : List.of("", "de-DE,de;q=0.9")) {
                MockHttpServletRequestBuilder registration = register(longName);
                if (!language.isEmpty()) {
                    registration.header(HttpHeaders.ACCEPT_LANGUAGE, language);
                }
                mvc.perform(registration)
                        .andExpect(status().isBadRequest())
                        .andExpect(jsonPath("$.title").value("Invalid input"))
                        .andExpect(jsonPath("$.errors[?(@.field == 'name')].message")
                                .value("size must be between 0 and 100"));
            }
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void aPhoneNumberTypedByMistakeDoesNotKeepItsOwnerOut() throws Exception {
        mvc.perform(register(request("Erika Mustermann", "1950-04-01", "0151 23456789")))
                .andExpect(status().isCreated());
        // unverified registrations hold no place: the owner of the number registers, and so may a second person
        mvc.perform(register(request("Hans Meier", "1961-02-03", "+49 1512 3456789")))
                .andExpect(status().isCreated());
        mvc.perform(register(request("MUSTERMANN, Erika", "1950-04-01", "0170 1234567")))
                .andExpect(status().isCreated());
        assertThat(mongo.count(new Query(), COLLECTION)).isEqualTo(3);
    }

    @Test
    void withdrawalErasesPersonalDataPublishesWithdrawalAndTombstoneAndNoLongerBlocks() throws Exception {
        MvcResult first = registered("Erika Mustermann", "1950-04-01", "0151 23456789");
        String candidateId = candidateId(first);
        String token = accessToken(first);
        recordsOf(candidateId, 2);

        NotificationRequested code = codec.decode(poll(candidateId, 1, Topics.NOTIFICATION_REQUESTS.name()).get(0)
                .value(), NotificationRequested.class);
        assertThat(messageSecrets.open(code.eventId().toString(), code.secrets())).as("the code, not sent yet")
                .isPresent();

        mvc.perform(delete("/api/registrations/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                .andExpect(status().isNoContent());

        assertThat(messageSecrets.open(code.eventId().toString(), code.secrets()))
                .as("the erasure ended the secret of the message still waiting for the person").isEmpty();
        List<ConsumerRecord<String, byte[]>> records = recordsOf(candidateId, 5);
        assertThat(erasure(records.subList(2, 5)).reason()).isEqualTo(CandidateWithdrawn.Reason.WITHDRAWN_BY_CANDIDATE);
        List<ConsumerRecord<String, byte[]>> contacts = records.stream()
                .filter(r -> r.topic().equals(Topics.CANDIDATE_CONTACTS.name())).toList();
        assertThat(contacts).hasSize(2);
        assertThat(contacts.get(1).value()).isNull();
        assertThat(keys.find(candidateId)).as("the person's data key left the vault").isEmpty();
        CandidateContactChanged before = codec.decode(contacts.get(0).value(), CandidateContactChanged.class);
        assertThat(new PersonalData(keys, new PersonalDataCipher(), 10).open(candidateId,
                CandidateContactChanged.TYPE, before.contact(), CandidateContactChanged.Details.class))
                .as("the contact record still on the topic opens no more").isEmpty();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> storedDocument(candidateId).getList("outbox", Document.class).isEmpty());
        String stored = storedDocument(candidateId).toJson();
        assertThat(stored).doesNotContain("Erika", "Mustermann", "23456789", "example.org", "1950")
                .doesNotContain("\"name\"", "\"phone\"", "\"email\"", "\"birthDate\"", "\"centreIds\"");
        mvc.perform(get("/api/registrations/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("WITHDRAWN"))
                .andExpect(jsonPath("$.preferences").doesNotExist());
        keys.create(candidateId); // as if a crash or a concurrent change had left a key behind
        mvc.perform(delete("/api/registrations/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                .andExpect(status().isNoContent());
        assertThat(keys.find(candidateId)).as("withdrawing again deletes the key again").isEmpty();
        mvc.perform(put("/api/registrations/me/preferences").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of("centreIds", List.of("kassel"),
                                "maxTravelMinutes", 40))))
                .andExpect(status().isConflict());

        // the same person can come back, and a second withdrawn registration does not collide with the first
        MvcResult again = registered("Erika Mustermann", "1950-04-01", "0151 23456789");
        mvc.perform(delete("/api/registrations/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken(again)))
                .andExpect(status().isNoContent());
        mvc.perform(register(request("Erika Mustermann", "1950-04-01", "0151 23456789")))
                .andExpect(status().isCreated());
    }

    @Test
    void onlyTheOwnTokenReachesTheOwnRegistration() throws Exception {
        MvcResult erika = registered("Erika Mustermann", "1950-04-01", "0151 23456789");
        MvcResult hans = registered("Hans Meier", "1961-02-03", "0170 1234567");

        for (MockHttpServletRequestBuilder request : List.of(get("/api/registrations/me"),
                delete("/api/registrations/me"))) {
            mvc.perform(request).andExpect(status().isUnauthorized())
                    .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer"))
                    .andExpect(jsonPath("$.title").value("Not authenticated"));
        }
        String unknownButWellFormed = "A".repeat(43);
        for (String authorization : List.of("Bearer " + unknownButWellFormed, "Bearer nonsense",
                "Basic " + accessToken(erika), accessToken(erika))) {
            mvc.perform(get("/api/registrations/me").header(HttpHeaders.AUTHORIZATION, authorization))
                    .andExpect(status().isUnauthorized())
                    .andExpect(jsonPath("$.detail").value(
                            "A valid access token is required (Authorization: Bearer <token>)."));
        }

        mvc.perform(put("/api/registrations/me/preferences")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken(hans))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of("centreIds", List.of("kassel", "fulda"),
                                "maxTravelMinutes", 60))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.candidateId").value(candidateId(hans)));
        mvc.perform(get("/api/registrations/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken(erika)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.candidateId").value(candidateId(erika)))
                .andExpect(jsonPath("$.preferences.centreIds[0]").value("korbach"));
    }

    @Test
    void changedPreferencesArePublishedAndALanguageChangeAlsoUpdatesTheContact() throws Exception {
        MvcResult created = registered("Erika Mustermann", "1950-04-01", "0151 23456789");
        String candidateId = candidateId(created);
        String authorization = "Bearer " + accessToken(created);
        recordsOf(candidateId, 2);

        mvc.perform(put("/api/registrations/me/preferences").header(HttpHeaders.AUTHORIZATION, authorization)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of("centreIds", List.of("kassel", "korbach"),
                                "maxTravelMinutes", 45))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.preferences.centreIds[0]").value("kassel"))
                .andExpect(jsonPath("$.preferences.language").value("de"));
        CandidateUpdated updated = (CandidateUpdated) codec.decode(recordsOf(candidateId, 3).get(2).value(),
                CandidateEvent.class);
        assertThat(updated.profile().centreIds()).containsExactly("kassel", "korbach");
        assertThat(updated.profile().maxTravelMinutes()).isEqualTo(45);

        mvc.perform(put("/api/registrations/me/preferences").header(HttpHeaders.AUTHORIZATION, authorization)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of("centreIds", List.of("kassel"),
                                "maxTravelMinutes", 45, "language", "en"))))
                .andExpect(status().isOk());
        List<ConsumerRecord<String, byte[]>> records = recordsOf(candidateId, 5);
        CandidateContactChanged contact = codec.decode(only(records.subList(3, 5),
                Topics.CANDIDATE_CONTACTS.name()).value(), CandidateContactChanged.class);
        assertThat(contact.language()).isEqualTo("en");

        mvc.perform(put("/api/registrations/me/preferences").header(HttpHeaders.AUTHORIZATION, authorization)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of("centreIds", List.of("atlantis"),
                                "maxTravelMinutes", 45))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("centreIds"));
    }

    @Test
    void healthIsUp() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
    }

    /**
     * No staff work here, but the management endpoints are the platform's: anonymous callers get the health status
     * only, metrics and the scrape need ops or the scrape-only account (HTTP Basic), as in every service
     * (service-support matrix).
     */
    @Test
    void managementEndpointsAnswerAsThePlatformMatrixSays(@Autowired PathMappedEndpoints endpoints) throws Exception {
        ManagementEndpointMatrix.check(endpoints, ManagementEndpointMatrix.mockMvc(mvc, STAFF_PASSWORD));
    }

    @Test
    void openApiDocumentDescribesTheEndpoints() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/registrations'].post.summary")
                        .value("Register as a standby candidate"))
                .andExpect(jsonPath("$.paths['/api/registrations/me'].get.summary").exists())
                .andExpect(jsonPath("$.paths['/api/registrations/me'].delete.description").exists())
                .andExpect(jsonPath("$.paths['/api/registrations/me/preferences'].put.summary").exists())
                .andExpect(jsonPath("$.paths['/api/registrations/me/verification'].post.summary").exists())
                .andExpect(jsonPath("$.components.schemas.RegistrationCreated.properties.accessToken").exists())
                .andExpect(jsonPath("$.components.schemas.RegistrationCreated.properties.candidateId").exists())
                .andExpect(jsonPath("$.components.securitySchemes.accessToken.scheme").value("bearer"));
    }

}
