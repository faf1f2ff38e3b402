package de.nachruecker.registration;

import de.nachruecker.events.Topics;
import de.nachruecker.events.offer.OfferAnswered;
import de.nachruecker.events.offer.OfferConfirmed;
import de.nachruecker.events.offer.OfferDeclined;
import de.nachruecker.events.offer.OfferMade;
import de.nachruecker.registration.offer.application.RecordingOffers;
import de.nachruecker.support.centre.Centre;
import de.nachruecker.support.centre.CentreCatalogue;
import de.nachruecker.support.testing.RawConsumers;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The citizen's answer to an offer: the offer arrives from the allocation service, the link shows it, the answer is
 * taken once and before the deadline, goes out on offer-answers, and the decision is shown.
 */
class OfferAnswerIT extends IntegrationTestBase {


    @Autowired
    CentreCatalogue centres;
    @Autowired
    RecordingOffers recording;
    @Autowired
    MeterRegistry meters;

    @Test
    void theLinkShowsTheOfferInGermanOrEnglishAndReadingItTwiceChangesNothing() throws Exception {
        MadeOffer offer = offerArrives(Duration.ofMinutes(15));
        Centre korbach = centres.find("korbach").orElseThrow();

        for (int i = 0; i < 2; i++) {
            String page = page(offer.token()).andExpect(status().isOk())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                    .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(page).contains("lang=\"de\"", korbach.name(), korbach.address(), "Demo-Daten", "Zusagen",
                    "Absagen", "method=\"post\"", "name=\"answer\" value=\"ACCEPT\"", "name=\"answer\" value=\"DECLINE\"");
        }
        assertThat(stored(offer).getString("state")).isEqualTo("OPEN");
        assertThat(stored(offer).getList("outbox", Object.class)).isEmpty();
        page(offer.token()).andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"));

        assertThat(html(mvc.perform(get("/offers/answer").param("token", offer.token()).param("lang", "en"))))
                .contains("lang=\"en\"", "Accept", "Decline", "Answer by");
        assertThat(html(mvc.perform(get("/offers/answer").param("token", offer.token())
                .header(HttpHeaders.ACCEPT_LANGUAGE, "en-GB,en;q=0.9")))).contains("Accept: I will come");
        assertThat(stored(offer).getString("state")).isEqualTo("OPEN");
    }

    @Test
    void unknownAndMalformedTokensGetTheSamePage() throws Exception {
        offerArrives(Duration.ofMinutes(15));
        String unknown = html(page(token()).andExpect(status().isNotFound()));
        String malformed = html(page("<script>").andExpect(status().isNotFound()));
        assertThat(unknown).contains("lang=\"de\"", "Dieser Link ist nicht gültig").isEqualTo(malformed);
    }

    @Test
    void anAcceptanceGoesOutOnceAndTheConfirmationIsShown() throws Exception {
        MadeOffer offer = offerArrives(Duration.ofMinutes(15));

        String pending = html(answerByForm(offer.token(), "ACCEPT").andExpect(status().isOk()));
        assertThat(pending).contains("outcome-pending", "http-equiv=\"refresh\"");

        ConsumerRecord<String, byte[]> record = answersOn(offer.event().releaseId(), 1).get(0);
        OfferAnswered answered = codec.decode(record.value(), OfferAnswered.class);
        assertThat(answered.offerId()).isEqualTo(offer.event().offerId());
        assertThat(answered.candidateId()).isEqualTo(offer.event().candidateId());
        assertThat(answered.answer()).isEqualTo(OfferAnswered.Answer.ACCEPT);
        assertThat(stored(offer).getString("state")).isEqualTo("ANSWERED");

        assertThat(html(answerByForm(offer.token(), "DECLINE").andExpect(status().isConflict())))
                .contains("schon geantwortet");
        answerByApi(offer.token(), "ACCEPT").andExpect(status().isConflict())
                .andExpect(jsonPath("$.title").value("Already answered"));

        publisher.publish(Topics.OFFERS, new OfferConfirmed(UUID.randomUUID(), clock.instant(),
                offer.event().releaseId(), offer.event().offerId(), offer.event().candidateId(), "korbach",
                offer.event().windowFrom(), offer.event().windowTo(), "ABCD-EFGH"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(html(page(offer.token()))).contains("outcome-confirmed", "Bitte mitbringen"));
        page(offer.token()).andExpect(status().isGone());
        assertThat(answersOn(offer.event().releaseId(), 1)).hasSize(1);
    }

    @Test
    void concurrentAnswersWithOneTokenHaveExactlyOneWinner() throws Exception {
        MadeOffer offer = offerArrives(Duration.ofMinutes(15));

        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String answer = i % 2 == 0 ? "ACCEPT" : "DECLINE";
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return answerByApi(offer.token(), answer).andReturn().getResponse().getStatus();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<Integer> statuses = answers.stream().map(CompletableFuture::join).toList();
        assertThat(statuses).containsOnly(200, 409).filteredOn(status -> status == 200).hasSize(1);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> stored(offer).getList("outbox", Object.class).isEmpty());
        assertThat(answersOn(offer.event().releaseId(), 1)).hasSize(1);
    }

    @Test
    void aFormAnswerWithoutTheFormsCsrfTokenIsRefusedAndNothingIsAnswered() throws Exception {
        MadeOffer offer = offerArrives(Duration.ofMinutes(15));
        String page = html(page(offer.token()));
        assertThat(page).contains("name=\"_csrf\"");

        mvc.perform(post("/offers/answer").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("token", offer.token()).param("answer", "ACCEPT")).andExpect(status().isForbidden());
        mvc.perform(post("/offers/answer").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("token", offer.token()).param("answer", "ACCEPT").with(csrf().useInvalidToken()))
                .andExpect(status().isForbidden());
        assertThat(stored(offer).getString("state")).isEqualTo("OPEN");
        assertThat(stored(offer).getList("outbox", Object.class)).isEmpty();
    }

    @Test
    void theApiWaitsForTheDecision() throws Exception {
        MadeOffer offer = offerArrives(Duration.ofMinutes(15));

        CompletableFuture<MvcResult> answering = CompletableFuture.supplyAsync(() -> {
            try {
                return answerByApi(offer.token(), "DECLINE").andReturn();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        OfferAnswered answered = codec.decode(answersOn(offer.event().releaseId(), 1).get(0).value(),
                OfferAnswered.class);
        assertThat(answered.answer()).isEqualTo(OfferAnswered.Answer.DECLINE);
        publisher.publish(Topics.OFFERS, new OfferDeclined(UUID.randomUUID(), clock.instant(),
                offer.event().releaseId(), offer.event().offerId(), offer.event().candidateId()));

        MvcResult result = answering.get();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(JSON.readTree(result.getResponse().getContentAsString()).path("outcome").asString())
                .isEqualTo("DECLINED");
    }

    @Test
    void anAnswerAfterTheDeadlineIsRefusedAndNothingIsPublished() throws Exception {
        MadeOffer offer = offerArrives(Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(2));

        assertThat(html(answerByForm(offer.token(), "ACCEPT").andExpect(status().isGone())))
                .contains("nicht mehr gültig");
        answerByApi(offer.token(), "ACCEPT").andExpect(status().isGone());
        page(offer.token()).andExpect(status().isGone());
        assertThat(stored(offer).getString("state")).isEqualTo("OPEN");
        assertThat(stored(offer).getList("outbox", Object.class)).isEmpty();
    }

    @Test
    void theCitizensStatusShowsTheOfferUntilItIsAnswered() throws Exception {
        MvcResult created = registered("Erika Mustermann", "1950-04-01", "0151 23456789");
        String token = accessToken(created);
        mvc.perform(withToken(get("/api/registrations/me"), token)).andExpect(status().isOk())
                .andExpect(jsonPath("$.openOffer").doesNotExist());

        MadeOffer offer = offerArrives(Duration.ofMinutes(15), candidateId(created));
        mvc.perform(withToken(get("/api/registrations/me"), token)).andExpect(status().isOk())
                .andExpect(jsonPath("$.openOffer.offerId").value(offer.event().offerId()))
                .andExpect(jsonPath("$.openOffer.state").value("OPEN"))
                .andExpect(jsonPath("$.openOffer.answerDeadline").value(offer.event().answerDeadline().toString()));

        answerByApi(offer.token(), "DECLINE");
        publisher.publish(Topics.OFFERS, new OfferDeclined(UUID.randomUUID(), clock.instant(),
                offer.event().releaseId(), offer.event().offerId(), offer.event().candidateId()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                mvc.perform(withToken(get("/api/registrations/me"), token))
                        .andExpect(jsonPath("$.openOffer").doesNotExist()));
    }

    @Test
    void theJsonApiIsDocumentedAndThePageIsNot() throws Exception {
        assertThat(mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString()).contains("\"/api/offers/answer\"", "OfferAnswerRequest")
                .doesNotContain("\"/offers/answer\"");
    }

    @Test
    void invalidAnswersAreRefusedFieldByField() throws Exception {
        mvc.perform(post("/api/offers/answer").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("answer"))
                .andExpect(jsonPath("$.errors[1].field").value("token"));
        answerByForm(token(), "MAYBE").andExpect(status().isBadRequest());
    }

    @Test
    void aRedeliveredOfferIsStoredOnce() throws Exception {
        MadeOffer offer = offerArrives(Duration.ofMinutes(15));
        publisher.publish(Topics.OFFERS, offer.event());
        MadeOffer second = offerArrives(Duration.ofMinutes(15));
        // offers of one release arrive in order: once the second is stored, the redelivered first was handled
        assertThat(mongo.count(new Query(), OFFERS)).isEqualTo(2);
        assertThat(stored(second).getString("state")).isEqualTo("OPEN");
        assertThat(stored(offer).getString("state")).isEqualTo("OPEN");
    }

    /**
     * A poll's new offers are stored with one write, in the order of the poll: an offer repeated within it and one
     * stored before are stored once, and a decline behind its offer in the same poll finds it.
     */
    @Test
    void aPollsOffersAreStoredOnceEachAndInOrder() {
        double beforeArrived = offersReceivedAtKorbach();
        MadeOffer before = offerArrives(Duration.ofMinutes(15));
        // counted on the consumer's thread after its write: wait for it, or it lands in this test's count
        await().atMost(Duration.ofSeconds(10)).until(() -> offersReceivedAtKorbach() > beforeArrived);
        OfferMade first = madeNow("offer-" + UUID.randomUUID());
        OfferMade second = madeNow("offer-" + UUID.randomUUID());
        double received = offersReceivedAtKorbach();

        recording.onAll(List.of(before.event(), first, first, second,
                new OfferDeclined(UUID.randomUUID(), clock.instant(), RELEASE, first.offerId(), first.candidateId())));

        assertThat(mongo.count(new Query(), OFFERS)).isEqualTo(3);
        assertThat(mongo.getCollection(OFFERS).find(new Document("_id", first.offerId())).first()
                .getString("state")).isEqualTo("DECLINED");
        assertThat(mongo.getCollection(OFFERS).find(new Document("_id", second.offerId())).first()
                .getString("state")).isEqualTo("OPEN");
        assertThat(offersReceivedAtKorbach() - received).isEqualTo(2);
    }

    private double offersReceivedAtKorbach() {
        return meters.counter("registration.offers.received", "centre", "korbach").count();
    }

    private OfferMade madeNow(String offerId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return new OfferMade(UUID.randomUUID(), now, RELEASE, offerId, "candidate-" + UUID.randomUUID(), "korbach",
                "COMIRNATY", 1, 1, 1, now.plus(Duration.ofMinutes(45)), now.plus(Duration.ofMinutes(90)),
                now.plus(Duration.ofMinutes(15)), hash(token()));
    }

    @Test
    void aMalformedOfferEventGoesToTheDeadLettersAndOffersKeepFlowing() throws Exception {
        String key = "release-" + UUID.randomUUID();
        String deadLetters = Topics.deadLettersOf(Topics.OFFERS.name());
        try (Consumer<String, byte[]> dlq = RawConsumers.fromTheEnd(broker, "dlq-",
                List.of(new TopicPartition(deadLetters, 0)))) {

            publisher.send(Topics.OFFERS.name(), key, UUID.randomUUID().toString(), "OfferMade.v1",
                    "{\"type\": \"OfferMade.v1\", \"offerId\": ".getBytes(StandardCharsets.UTF_8));
            List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                dlq.poll(Duration.ofMillis(100)).forEach(dead::add);
                return dead.stream().anyMatch(r -> key.equals(r.key()));
            });
        }
        MadeOffer next = offerArrives(Duration.ofMinutes(15));
        assertThat(stored(next).getString("state")).isEqualTo("OPEN");
    }

    /**
     * Key 1 on the offer call accepts, once: the same single-use token rules as the link. A replayed key press (the
     * gateway retrying, or someone with the URL) hears "already answered" and changes nothing.
     */
    @Test
    void keyOneOnTheCallAcceptsOnceAndAReplayChangesNothing() throws Exception {
        MadeOffer offer = offerArrives(Duration.ofMinutes(15));

        String twiml = twiml(keyPress(offer.token(), "de", "1").andExpect(status().isOk()));

        assertThat(twiml).startsWith("<?xml").contains("<Say language=\"de-DE\">", "Zusage ist eingegangen",
                "<Hangup/>");
        assertThat(stored(offer).getString("state")).isEqualTo("ANSWERED");
        List<OfferAnswered> answers = answersTo(offer, 1);
        assertThat(answers).singleElement().satisfies(answer ->
                assertThat(answer.answer()).isEqualTo(OfferAnswered.Answer.ACCEPT));

        assertThat(twiml(keyPress(offer.token(), "de", "1").andExpect(status().isOk())))
                .contains("schon geantwortet", "nichts geändert");
        assertThat(twiml(keyPress(offer.token(), "en", "2").andExpect(status().isOk())))
                .contains("<Say language=\"en-US\">", "already answered");
        answerByApi(offer.token(), "DECLINE").andExpect(status().isConflict());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> stored(offer).getList("outbox", Object.class).isEmpty());
        assertThat(answersTo(offer, 1)).hasSize(1);
        assertThat(stored(offer).getString("answer")).isEqualTo("ACCEPT");
    }

    @Test
    void keyTwoOnTheCallDeclines() throws Exception {
        MadeOffer offer = offerArrives(Duration.ofMinutes(15));

        String twiml = twiml(keyPress(offer.token(), "en", "2").andExpect(status().isOk()));

        assertThat(twiml).contains("<Say language=\"en-US\">", "keep your place");
        assertThat(answersTo(offer, 1)).singleElement().satisfies(answer ->
                assertThat(answer.answer()).isEqualTo(OfferAnswered.Answer.DECLINE));
    }

    /** Key 9 reads the offer again and asks for a key again, back to the same URL; nothing is answered. */
    @Test
    void keyNineReadsTheOfferAgainAndChangesNothing() throws Exception {
        MadeOffer offer = offerArrives(Duration.ofMinutes(15));
        Centre korbach = centres.find("korbach").orElseThrow();

        String twiml = twiml(keyPress(offer.token(), "de", "9").andExpect(status().isOk()));

        assertThat(twiml).contains("<Gather input=\"dtmf\" numDigits=\"1\"",
                "action=\"http://localhost/voice/offers/answer?token=" + offer.token() + "&amp;lang=de\"",
                korbach.name(), "Comirnaty", "Drücken Sie die 1");
        assertThat(stored(offer).getString("state")).isEqualTo("OPEN");
        assertThat(stored(offer).getList("outbox", Object.class)).isEmpty();
    }

    /** Only one key of a keypad is read; a key without a meaning is named as such; nothing is ever answered. */
    @Test
    void junkFromTheGatewayOrAnyoneElseIsRefused() throws Exception {
        MadeOffer offer = offerArrives(Duration.ofMinutes(15));

        for (String junk : new String[] {"12", "x", "", "1 OR 1=1"}) {
            keyPress(offer.token(), "de", junk).andExpect(status().isBadRequest());
        }
        mvc.perform(post("/voice/offers/answer").param("token", offer.token())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)).andExpect(status().isBadRequest());
        assertThat(twiml(keyPress(offer.token(), "de", "5").andExpect(status().isOk())))
                .contains("nicht belegt", "<Gather");
        assertThat(twiml(keyPress(token(), "de", "1").andExpect(status().isOk()))).contains("nicht bekannt");
        assertThat(twiml(keyPress("<Say>", "de", "1").andExpect(status().isOk()))).contains("nicht bekannt")
                .doesNotContain("<Say><Say>");
        assertThat(stored(offer).getString("state")).isEqualTo("OPEN");
        assertThat(stored(offer).getList("outbox", Object.class)).isEmpty();
    }

    @Test
    void aKeyPressAfterTheDeadlineIsTooLate() throws Exception {
        MadeOffer offer = offerArrives(Duration.ofMinutes(15));
        clock.advance(Duration.ofMinutes(16));
        try {
            assertThat(twiml(keyPress(offer.token(), "de", "1").andExpect(status().isOk())))
                    .contains("gilt nicht mehr");
            assertThat(twiml(keyPress(offer.token(), "de", "9").andExpect(status().isOk())))
                    .contains("gilt nicht mehr").doesNotContain("<Gather");
        } finally {
            clock.advance(Duration.ofMinutes(-16));
        }
        assertThat(stored(offer).getString("state")).isEqualTo("OPEN");
    }

    private ResultActions keyPress(String token, String lang, String digits) throws Exception {
        // as Twilio posts it: a form without cookies or CSRF token, the token and language in the action URL
        return mvc.perform(post("/voice/offers/answer?token={token}&lang={lang}", token, lang)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("Digits", digits).param("CallSid", "CA0123").param("AccountSid", "AC0123"));
    }

    private List<OfferAnswered> answersTo(MadeOffer offer, int count) {
        return answersOn(offer.event().releaseId(), count).stream()
                .map(record -> codec.decode(record.value(), OfferAnswered.class))
                .filter(answer -> answer.offerId().equals(offer.event().offerId())).toList();
    }

    private static String twiml(ResultActions result) throws Exception {
        assertThat(result.andReturn().getResponse().getContentType()).startsWith("text/xml");
        return result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private List<ConsumerRecord<String, byte[]>> answersOn(String releaseId, int count) {
        return poll(releaseId, count, Topics.OFFER_ANSWERS.name());
    }

    private ResultActions page(String token) throws Exception {
        return mvc.perform(get("/offers/answer").param("token", token));
    }

    private ResultActions answerByForm(String token, String answer) throws Exception {
        return mvc.perform(post("/offers/answer").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("token", token).param("answer", answer).with(csrf()));
    }

    private ResultActions answerByApi(String token, String answer) throws Exception {
        return mvc.perform(post("/api/offers/answer").contentType(MediaType.APPLICATION_JSON)
                .content("{\"token\": \"" + token + "\", \"answer\": \"" + answer + "\"}"));
    }

    private static String html(ResultActions result) throws Exception {
        return result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
