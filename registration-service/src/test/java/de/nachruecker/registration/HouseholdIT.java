package de.nachruecker.registration;

import de.nachruecker.events.Topics;
import de.nachruecker.events.candidate.CandidateContactChanged;
import de.nachruecker.events.candidate.CandidateEvent;
import de.nachruecker.events.candidate.CandidateRegistered;
import de.nachruecker.events.candidate.CandidateWithdrawn;
import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.registration.candidate.application.ExpiringRegistrations;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import de.nachruecker.support.personaldata.PersonalData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * One phone, several people: a daughter registers both parents on her mobile, a care home its residents on its phone.
 * Each person has their own registration and token; the phone is proved once, and what is unverified keeps no one out.
 */
class HouseholdIT extends IntegrationTestBase {

    private static final String PHONE = "0151 23456789";
    private static final String E164 = "+4915123456789";

    @Autowired
    ExpiringRegistrations expiring;
    @Autowired
    PersonalData personalData;

    @Test
    void twoPeopleOnOnePhoneHaveTheirOwnTokenStatusOffersAndWithdrawal() throws Exception {
        MvcResult erika = registered("Erika Mustermann", "1944-03-12", PHONE);
        enterCodeOf(erika);

        MvcResult heinz = mvc.perform(register(request("Heinz Mustermann", "1941-07-30", PHONE))
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken(erika)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.verified").value(true))
                .andReturn();
        String heinzId = candidateId(heinz);
        assertThat(accessToken(heinz)).isNotEqualTo(accessToken(erika));
        assertThat(heinzId).isNotEqualTo(candidateId(erika));

        List<ConsumerRecord<String, byte[]>> records = recordsOf(heinzId, 2);
        CandidateRegistered profile = (CandidateRegistered) codec.decode(
                only(records, Topics.CANDIDATES.name()).value(), CandidateEvent.class);
        assertThat(profile.profile().verified()).as("in the pool at once: the phone was just proved").isTrue();
        CandidateContactChanged contact = codec.decode(only(records, Topics.CANDIDATE_CONTACTS.name()).value(),
                CandidateContactChanged.class);
        assertThat(personalData.open(heinzId, CandidateContactChanged.TYPE, contact.contact(),
                CandidateContactChanged.Details.class).orElseThrow())
                .extracting(CandidateContactChanged.Details::name, CandidateContactChanged.Details::phone)
                .containsExactly("Heinz Mustermann", E164);
        Document stored = storedDocument(heinzId);
        assertThat(stored.get("verification", Document.class).getInteger("codesSent")).as("no code sent").isZero();
        assertThat(stored.getString("phoneKey")).isEqualTo(E164 + "#2");
        assertThat(storedDocument(candidateId(erika)).getString("phoneKey")).isEqualTo(E164);

        // an offer to Erika is hers alone
        offerArrives(Duration.ofMinutes(10), candidateId(erika));
        mvc.perform(withToken(get("/api/registrations/me"), accessToken(erika)))
                .andExpect(jsonPath("$.candidateId").value(candidateId(erika)))
                .andExpect(jsonPath("$.openOffer.state").value("OPEN"));
        mvc.perform(withToken(get("/api/registrations/me"), accessToken(heinz)))
                .andExpect(jsonPath("$.candidateId").value(heinzId))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.openOffer").doesNotExist());

        // Heinz leaves; Erika stays, and Heinz's place is free again
        mvc.perform(withToken(delete("/api/registrations/me"), accessToken(heinz)))
                .andExpect(status().isNoContent());
        mvc.perform(withToken(get("/api/registrations/me"), accessToken(erika)))
                .andExpect(jsonPath("$.status").value("ACTIVE"));
        assertThat(storedDocument(heinzId).getString("phoneKey")).isEqualTo("withdrawn:" + heinzId);
    }

    @Test
    void withoutAFreshProofOfTheSamePhoneTheNextPersonVerifiesTheirOwnCode() throws Exception {
        MvcResult erika = registered("Erika Mustermann", "1944-03-12", PHONE);
        enterCodeOf(erika);

        // another phone's proof proves nothing about this one
        MvcResult karl = mvc.perform(register(request("Karl Schmidt", "1950-01-01", "0170 1234567"))
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken(erika)))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.status").value("AWAITING_VERIFICATION"))
                .andReturn();
        assertThat(notificationsOf(candidateId(karl), 1).get(0).template())
                .isEqualTo(MessageTemplate.VERIFICATION_CODE);
        // an unverified registration on the phone proves nothing either
        MvcResult stranger = registered("Fremde Person", "1970-05-05", PHONE);
        mvc.perform(register(request("Otto Mustermann", "1939-09-09", PHONE))
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken(stranger)))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.status").value("AWAITING_VERIFICATION"));

        skip(Duration.ofMinutes(20));
        MvcResult heinz = mvc.perform(register(request("Heinz Mustermann", "1941-07-30", PHONE))
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken(erika)))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.status").value("ACTIVE")).andReturn();

        // Heinz's registration carries Erika's proof with its time: chaining does not stretch it
        skip(Duration.ofMinutes(11));
        MvcResult anna = mvc.perform(register(request("Anna Mustermann", "1975-02-02", PHONE))
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken(heinz)))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.status").value("AWAITING_VERIFICATION"))
                .andReturn();
        enterCodeOf(anna);
        mvc.perform(withToken(get("/api/registrations/me"), accessToken(anna)))
                .andExpect(jsonPath("$.status").value("ACTIVE"));
        assertThat(storedDocument(candidateId(anna)).getString("phoneKey")).isEqualTo(E164 + "#3");
    }

    @Test
    void aPhoneIsTheContactOfAtMostSixPeopleAndUnverifiedRegistrationsNeverCount() throws Exception {
        List<MvcResult> strangers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            strangers.add(registered("Fremde Person " + "abc".charAt(i), "1970-05-0" + (i + 1), PHONE));
        }
        MvcResult first = registered("Bewohner Eins", "1930-01-01", PHONE);
        enterCodeOf(first);
        List<MvcResult> residents = new ArrayList<>(List.of(first));
        for (int i = 2; i <= 6; i++) {
            residents.add(onProof(first, "Bewohner " + "xBCDEF".charAt(i - 1), "1930-01-0" + i).andExpect(status().isCreated())
                    .andExpect(jsonPath("$.status").value("ACTIVE")).andReturn());
        }

        onProof(first, "Bewohner Sieben", "1930-01-07")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.title").value("Phone number full"));
        MvcResult refused = mvc.perform(register(request("Bewohner Sieben", "1930-01-07", PHONE)))
                .andExpect(status().isConflict()).andReturn();
        assertThat(refused.getResponse().getContentAsString()).doesNotContain("accessToken");
        // an unverified registration entering its code now finds the phone full
        String code = notificationsOf(candidateId(strangers.get(0)), 1).get(0).parameters().get("code");
        mvc.perform(withToken(post("/api/registrations/me/verification"), accessToken(strangers.get(0)))
                        .contentType("application/json").content("{\"code\":\"" + code + "\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.title").value("Phone number full"));
        assertThat(verifiedOn(E164)).isEqualTo(6);

        mvc.perform(withToken(delete("/api/registrations/me"), accessToken(residents.get(3))))
                .andExpect(status().isNoContent());
        onProof(first, "Bewohner Sieben", "1930-01-07").andExpect(status().isCreated());
        assertThat(verifiedOn(E164)).isEqualTo(6);
    }

    @Test
    void concurrentRegistrationsOnOnePhoneNeverExceedTheCap() throws Exception {
        MvcResult first = registered("Bewohner Eins", "1930-01-01", PHONE);
        enterCodeOf(first);
        int contenders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Callable<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                String name = "Person Nummer " + "abcdefgh".charAt(i);
                String birthDate = "1960-01-0" + (i + 1);
                attempts.add(() -> onProof(first, name, birthDate).andReturn().getResponse().getStatus());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> outcome : pool.invokeAll(attempts)) {
                statuses.add(outcome.get());
            }
            assertThat(statuses).containsOnly(201, 409).filteredOn(status -> status == 201).hasSize(5);
        } finally {
            pool.shutdownNow();
        }
        assertThat(verifiedOn(E164)).isEqualTo(6);
    }

    /**
     * Registrations that arrive together are written together (IntakeBatches); each still gets its own answer, and
     * each one stored publishes its profile, its contact and its code.
     */
    @Test
    void concurrentRegistrationsAreEachAnsweredAsIfAloneAndEachStoredOneIsPublished() throws Exception {
        MvcResult first = registered("Bewohner Eins", "1930-01-01", PHONE);
        enterCodeOf(first);
        for (int i = 2; i <= 6; i++) {
            onProof(first, "Bewohner " + "xBCDEF".charAt(i - 1), "1930-01-0" + i).andExpect(status().isCreated());
        }
        MvcResult known = registered("Karl Bekannt", "1950-02-02", "0170 7654321");
        enterCodeOf(known);
        int contenders = 12;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        List<MvcResult> answers = new ArrayList<>();
        try {
            List<Callable<MvcResult>> attempts = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                int kind = i % 3;
                String name = kind == 1 ? "Karl Bekannt" : "Neue Person " + "abcdefghijkl".charAt(i);
                String birthDate = kind == 1 ? "1950-02-02" : "1961-03-" + (10 + i);
                String phone = kind == 0 ? PHONE : "0151 234567" + (10 + i);
                attempts.add(() -> mvc.perform(register(request(name, birthDate, phone))).andReturn());
            }
            for (Future<MvcResult> outcome : pool.invokeAll(attempts)) {
                answers.add(outcome.get());
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < contenders; i++) {
            MvcResult answer = answers.get(i);
            String body = answer.getResponse().getContentAsString(StandardCharsets.UTF_8);
            switch (i % 3) {
                case 0 -> assertThat(answer.getResponse().getStatus()).isEqualTo(409);
                case 1 -> assertThat(body).as("the person is registered").contains("Already registered");
                default -> {
                    assertThat(answer.getResponse().getStatus()).isEqualTo(201);
                    String candidateId = candidateId(answer);
                    assertThat(recordsOf(candidateId, 2)).extracting(ConsumerRecord::topic)
                            .containsExactlyInAnyOrder(Topics.CANDIDATES.name(), Topics.CANDIDATE_CONTACTS.name());
                    assertThat(notificationsOf(candidateId, 1).get(0).parameters().get("code")).hasSize(6);
                }
            }
            if (i % 3 == 0) {
                assertThat(body).contains("Phone number full");
            }
        }
        assertThat(verifiedOn(E164)).isEqualTo(6);
    }

    @Test
    void aVerifiedPersonIsRefusedAgainButAnUnverifiedRegistrationKeepsNoOneOut() throws Exception {
        MvcResult prank = registered("Erika Mustermann", "1944-03-12", PHONE);
        MvcResult real = registered("MUSTERMANN, Erika", "1944-03-12", PHONE);
        enterCodeOf(real);
        mvc.perform(register(request("Erika Mustermann", "1944-03-12", "0170 1234567")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail")
                        .value("A registration for this person (name and birth date) already exists."));
        String code = notificationsOf(candidateId(prank), 1).get(0).parameters().get("code");
        mvc.perform(withToken(post("/api/registrations/me/verification"), accessToken(prank))
                        .contentType("application/json").content("{\"code\":\"" + code + "\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.title").value("Already registered"));
        mvc.perform(withToken(get("/api/registrations/me"), accessToken(prank)))
                .andExpect(jsonPath("$.status").value("AWAITING_VERIFICATION"));
    }

    @Test
    void anUnverifiedRegistrationIsErasedAfterADayLikeAWithdrawal() throws Exception {
        double before = metric("registrations_unverified_expired_total");
        MvcResult prank = registered("Erika Mustermann", "1944-03-12", PHONE);
        MvcResult owner = registered("Erika Mustermann", "1944-03-12", PHONE);
        enterCodeOf(owner);
        recordsOf(candidateId(prank), 2);
        skip(Duration.ofHours(23));
        MvcResult recent = registered("Hans Meier", "1961-02-03", "0170 1234567");
        skip(Duration.ofHours(2));

        assertThat(expiring.expire()).isEqualTo(1);

        List<ConsumerRecord<String, byte[]>> records = recordsOf(candidateId(prank), 5);
        assertThat(erasure(records.subList(2, 5)).reason()).isEqualTo(CandidateWithdrawn.Reason.RETENTION_EXPIRED);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> storedDocument(candidateId(prank)).getList("outbox", Document.class).isEmpty());
        assertThat(storedDocument(candidateId(prank)).toJson())
                .doesNotContain("Erika", "Mustermann", "23456789", "example.org", "1944");
        mvc.perform(withToken(get("/api/registrations/me"), accessToken(prank)))
                .andExpect(jsonPath("$.status").value("WITHDRAWN"));
        mvc.perform(withToken(get("/api/registrations/me"), accessToken(owner)))
                .andExpect(jsonPath("$.status").value("ACTIVE"));
        mvc.perform(withToken(get("/api/registrations/me"), accessToken(recent)))
                .andExpect(jsonPath("$.status").value("AWAITING_VERIFICATION"));
        assertThat(personalData.open(candidateId(prank), CandidateContactChanged.TYPE,
                codec.decode(records.stream().filter(r -> r.topic().equals(Topics.CANDIDATE_CONTACTS.name())
                        && r.value() != null).findFirst().orElseThrow().value(), CandidateContactChanged.class)
                        .contact(),
                CandidateContactChanged.Details.class)).as("its data key went with it: the contact opens no more")
                .isEmpty();
        assertThat(expiring.expire()).as("erased once").isZero();
        assertThat(metric("registrations_unverified_expired_total") - before).isEqualTo(1.0);
    }

    private ResultActions onProof(MvcResult proved, String name, String birthDate) throws Exception {
        return mvc.perform(register(request(name, birthDate, PHONE))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken(proved)));
    }

    private long verifiedOn(String e164) {
        return mongo.count(Query.query(Criteria.where("phone").is(e164).and("status").in("ACTIVE", "VACCINATED")),
                COLLECTION);
    }

    private double metric(String name) throws Exception {
        String metrics = mvc.perform(get("/actuator/prometheus").with(httpBasic("ops", STAFF_PASSWORD))).andExpect(status().isOk())
                .andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        return metrics.lines().filter(line -> line.startsWith(name + "{")).findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).orElseThrow();
    }
}
