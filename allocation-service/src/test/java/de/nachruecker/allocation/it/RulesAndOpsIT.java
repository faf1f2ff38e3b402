package de.nachruecker.allocation.it;

import de.nachruecker.allocation.offer.persistence.OfferDocument;
import de.nachruecker.events.Topics;
import de.nachruecker.events.candidate.CandidateProfile;
import de.nachruecker.events.candidate.CandidateRegistered;
import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.events.release.AppointmentWindow;
import de.nachruecker.events.release.DosesReleased;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
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

    /**
     * Issue #15: a version from 1999, unknown product keys (one of them "$where", which became a Mongo field name), a
     * 20,000-character comment were all accepted, and leaving out minAgeByProduct dropped the 60+ limits. Issue #16:
     * a rule may raise a product's own minimum age, never lower it.
     */
    @Test
    void aRuleChangeIsCheckedPreviewedAndKeepsWhatItLeavesOut() throws Exception {
        // far after the 2021 instants the other tests use, so the versions added here govern no other test
        clock.set(Instant.parse("2031-01-10T08:00:00Z"));
        int versionsBefore = versions();
        String longComment = "x".repeat(20_000);
        for (String refused : new String[] {
                "{\"validFrom\": \"1999-01-01T00:00:00Z\", \"comment\": \"back-dated\"}",
                "{\"minAgeByProduct\": {\"$where\": 60}, \"comment\": \"operator key\"}",
                "{\"minAgeByProduct\": {\"SPUTNIK\": 60}, \"comment\": \"unknown product\"}",
                "{\"minAgeByProduct\": {\"SPIKEVAX\": 17}, \"comment\": \"below the product's own 18\"}",
                "{\"comment\": \"" + longComment + "\"}"}) {
            mvc.perform(put("/api/ops/rules").with(httpBasic("ops-anna", PASSWORD))
                            .contentType(MediaType.APPLICATION_JSON).content(refused))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").exists());
        }
        assertThat(versions()).as("nothing stored").isEqualTo(versionsBefore);

        mvc.perform(put("/api/ops/rules").param("dryRun", "true").with(httpBasic("ops-anna", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"minAgeByProduct\": {}, \"comment\": \"what if the 60+ limits ended\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.dryRun").value(true))
                .andExpect(jsonPath("$.proposed.minimumAges.VAXZEVRIA").value(18))
                .andExpect(jsonPath("$.inForce.minimumAges.VAXZEVRIA").value(60))
                .andExpect(jsonPath("$.differences[?(@.field == 'minimumAge.VAXZEVRIA')].proposed").value(18));
        assertThat(versions()).as("a dry run stores nothing").isEqualTo(versionsBefore);

        mvc.perform(put("/api/ops/rules").with(httpBasic("ops-anna", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"maxTravelMinutes\": 45, \"comment\": \"shorter trips\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.maxTravelMinutes").value(45))
                .andExpect(jsonPath("$.minAgeByProduct.VAXZEVRIA").value(60))
                .andExpect(jsonPath("$.minAgeByProduct.JANSSEN").value(60))
                .andExpect(jsonPath("$.minimumAges.SPIKEVAX").value(18))
                .andExpect(jsonPath("$.correction").value(false));
        org.bson.Document stored = mongo.getCollection("rulesets")
                .find(new org.bson.Document("_id", versionsBefore + 1)).first();
        assertThat(stored).as("limits are entries, never field names").doesNotContainKey("minAgeByProduct");
        assertThat(stored.getList("minimumAges", org.bson.Document.class))
                .extracting(entry -> entry.getString("product")).containsExactly("JANSSEN", "VAXZEVRIA");

        mvc.perform(put("/api/ops/rules").with(httpBasic("admin-ben", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"validFrom\": \"2031-01-01T00:00:00Z\", \"correction\": true, \"comment\": "
                                + "\"record the district's decision of 1 January, entered late\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.correction").value(true))
                .andExpect(jsonPath("$.changedBy").value("admin-ben"))
                .andExpect(jsonPath("$.comment").value("record the district's decision of 1 January, entered late"));
    }

    /**
     * Issue #16: the 2021 rules name no limit for SPIKEVAX, and a 17-year-old was offered it; the product's own
     * minimum age (18) now applies whatever the rules say.
     */
    @Test
    void aSpikevaxDoseIsNotOfferedToSomeoneYoungerThanTheProductsOwnMinimumAge() {
        LocalDate appointmentDay = JUNE.atZone(java.time.ZoneId.of("Europe/Berlin")).toLocalDate();
        String seventeen = centre + "-seventeen";
        String eighteen = centre + "-eighteen";
        publisher.publish(Topics.CANDIDATES, new CandidateRegistered(UUID.randomUUID(), clock.instant(), seventeen,
                new CandidateProfile(sealedBirthDate(seventeen, appointmentDay.minusYears(18).plusDays(1)),
                        PriorityGroup.GENERAL,
                        List.of(centre), 20, Instant.parse("2021-03-01T00:00:00Z"), true)));
        publisher.publish(Topics.CANDIDATES, new CandidateRegistered(UUID.randomUUID(), clock.instant(), eighteen,
                new CandidateProfile(sealedBirthDate(eighteen, appointmentDay.minusYears(18)), PriorityGroup.GENERAL,
                        List.of(centre), 20, Instant.parse("2021-03-02T00:00:00Z"), true)));
        await().atMost(Duration.ofSeconds(15)).until(() -> candidateStore.find(seventeen).isPresent()
                && candidateStore.find(eighteen).isPresent() && index.find(seventeen).isPresent()
                && index.find(eighteen).isPresent());

        String releaseId = "r-" + UUID.randomUUID();
        Instant now = clock.instant();
        publisher.publish(Topics.DOSE_RELEASES, new DosesReleased(UUID.randomUUID(), now, releaseId, centre,
                "SPIKEVAX", 2, new AppointmentWindow(now, now.plus(Duration.ofHours(4))), now.plus(Duration.ofHours(6))));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(offers(releaseId))
                .extracting(OfferDocument::candidateId).containsExactly(eighteen));
        vialClock.watch();
        assertThat(offers(releaseId)).extracting(OfferDocument::candidateId).doesNotContain(seventeen);
    }

    private int versions() throws Exception {
        String body = mvc.perform(get("/api/ops/rules").with(httpBasic("ops-anna", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(body).path("versions").size();
    }

    @Test
    void theOpsApiNeedsStaffAndValidInput() throws Exception {
        mvc.perform(get("/api/ops/rules")).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.status").value(401));
        mvc.perform(get("/api/ops/rules").with(httpBasic("ops-anna", "wrong"))).andExpect(status().isUnauthorized());
        mvc.perform(put("/api/ops/rules").with(httpBasic("admin-ben", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"openGroups\": [], \"comment\": \"\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Invalid input"))
                .andExpect(jsonPath("$.detail").value("Some fields are missing or invalid; nothing was stored."))
                .andExpect(jsonPath("$.errors[?(@.field == 'openGroups')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'comment')]").exists());
        // strict JSON (issue #15): a quoted or fractional number is refused, naming the field
        for (String window : new String[] {"\"10\"", "10.5"}) {
            mvc.perform(put("/api/ops/rules").with(httpBasic("admin-ben", PASSWORD))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"responseWindowMinutes\": " + window + ", \"comment\": \"x\"}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("responseWindowMinutes"))
                    .andExpect(jsonPath("$.errors[0].pointer").value("/responseWindowMinutes"));
        }
        mvc.perform(get("/api/ops/releases/{id}", "no-such-release").with(httpBasic("ops-anna", PASSWORD)))
                .andExpect(status().isNotFound());
    }

    @Test
    void aMalformedReleaseEventGoesToTheDeadLettersAndTheNextOneIsStillServed() {
        String releaseId = deadLettered(Topics.DOSE_RELEASES, centre, "DosesReleased.v1", () -> {
            register(2, PriorityGroup.GENERAL);
            return release(1);
        });
        await().atMost(Duration.ofSeconds(15)).until(() -> offers(releaseId).size() == 2);
    }
}
