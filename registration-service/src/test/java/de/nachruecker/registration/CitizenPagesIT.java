package de.nachruecker.registration;

import de.nachruecker.events.notification.NotificationRequested;
import de.nachruecker.events.offer.OfferAnswered;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The citizen's pages with real sessions and the forms' real CSRF tokens: register (also for someone else), keep the
 * access code, verify, see the status with a position band and an open offer, answer it, change preferences,
 * withdraw; and what must not work: a form without its CSRF token, another citizen's offer, a wrong access code.
 */
class CitizenPagesIT extends IntegrationTestBase {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern ACCESS_CODE = Pattern.compile("id=\"access-code\" class=\"code\">([^<]+)<");

    @Test
    void pagesAndApiSendTheSecurityHeaders() throws Exception {
        for (String path : List.of("/", "/register", "/sign-in")) {
            mvc.perform(get(path)).andExpect(status().isOk())
                    .andExpect(header().string("Content-Security-Policy", allOf(containsString("default-src 'self'"),
                            containsString("script-src 'self'"), containsString("frame-ancestors 'none'"))))
                    .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                    .andExpect(header().string("X-Frame-Options", "DENY"))
                    .andExpect(header().string("Referrer-Policy", "no-referrer"));
        }
        mvc.perform(get("/api/registrations/me")).andExpect(status().isUnauthorized())
                .andExpect(header().string("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().doesNotExist(HttpHeaders.SET_COOKIE));
        assertThat(html(mvc.perform(get("/register")))).doesNotContain("<script>", "style=\"", "<style");
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefusedAndNothingIsStored() throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(get("/register").session(session)).andExpect(status().isOk());
        mvc.perform(registration(session, "Erika Mustermann", "0151 23456789")).andExpect(status().isForbidden());
        mvc.perform(registration(session, "Erika Mustermann", "0151 23456789").param("_csrf", "forged"))
                .andExpect(status().isForbidden());
        assertThat(mongo.getCollection(COLLECTION).countDocuments()).isZero();
    }

    @Test
    void aHelperRegistersSomeoneVerifiesAndSeesTheStatus() throws Exception {
        MockHttpSession session = new MockHttpSession();
        String form = html(mvc.perform(get("/register").session(session)));
        String anonymousSessionId = session.getId();
        assertThat(form).contains("lang=\"de\"", "for=\"name\"", "id=\"name\"", "Helferin",
                "Sie tragen jemand anderen ein?");

        MvcResult created = mvc.perform(registration(session, "Erika Mustermann", "0151 23456789")
                        .param("_csrf", csrf(form)))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/register/done?lang=de")).andReturn();
        MockHttpSession signedIn = (MockHttpSession) created.getRequest().getSession();
        assertThat(signedIn.getId()).as("a new session id at sign-in").isNotEqualTo(anonymousSessionId);

        // MockMvc hands the flash attributes over explicitly (a browser gets them through the session)
        String done = html(mvc.perform(get("/register/done").param("lang", "de").session(signedIn)
                .flashAttrs(created.getFlashMap())).andExpect(status().isOk()));
        String accessCode = match(ACCESS_CODE, done);
        assertThat(accessCode).as("7 groups of 4").hasSize(34);
        mvc.perform(get("/register/done").param("lang", "de").session(signedIn))
                .andExpect(redirectedUrl("/me?lang=de"));

        String candidateId = storedByPhone("+4915123456789").getString("_id");
        String code = notificationsOf(candidateId, 1).get(0).parameters().get("code");
        String verification = html(mvc.perform(get("/me/verification").session(signedIn)));
        html(mvc.perform(post("/me/verification").session(signedIn).param("_csrf", csrf(verification))
                .param("code", "000000".equals(code) ? "111111" : "000000")).andExpect(status().isBadRequest()));
        mvc.perform(post("/me/verification").session(signedIn).param("_csrf", csrf(verification))
                .param("code", code)).andExpect(redirectedUrl("/me?lang=de"));

        String page = html(mvc.perform(get("/me").session(signedIn)).andExpect(status().isOk()));
        assertThat(page).contains("Sie stehen auf der Liste", "id=\"band\"", "weniger als 10 Personen",
                "Waldeck-Frankenberg");

        // signing in again with the code on another device
        MockHttpSession other = new MockHttpSession();
        String signIn = html(mvc.perform(get("/sign-in").session(other)));
        mvc.perform(post("/sign-in").session(other).param("_csrf", csrf(signIn)).param("code", "A".repeat(43)))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/sign-in").session(other).param("_csrf", csrf(signIn)).param("code", " " + accessCode))
                .andExpect(redirectedUrl("/me?lang=de"));
    }

    @Test
    void theStatusShowsTheOpenOfferWithItsCountdownAndTheCitizenAnswersIt() throws Exception {
        MockHttpSession erika = registeredAndVerified("Erika Mustermann", "0151 23456789");
        MadeOffer offer = offerArrives(Duration.ofMinutes(15), candidateIdOf("+4915123456789"));

        String page = html(mvc.perform(get("/me").session(erika)));
        assertThat(page).contains("id=\"countdown\"", "aria-live=\"polite\"", "data-deadline=\""
                + offer.event().answerDeadline() + "\"", "noch 14 Minuten", "/js/countdown.js", "href=\"/me/offer");

        String answerPage = html(mvc.perform(get("/me/offer").session(erika)).andExpect(status().isOk()));
        assertThat(answerPage).contains("name=\"offerId\" value=\"" + offer.event().offerId() + "\"", "_csrf");
        mvc.perform(post("/me/offer").session(erika).param("_csrf", csrf(answerPage))
                .param("offerId", offer.event().offerId()).param("answer", "ACCEPT")).andExpect(status().isOk());

        OfferAnswered answered = codec.decode(poll(offer.event().releaseId(), 1, "offer-answers").get(0).value(),
                OfferAnswered.class);
        assertThat(answered.offerId()).isEqualTo(offer.event().offerId());
        assertThat(answered.answer()).isEqualTo(OfferAnswered.Answer.ACCEPT);
        assertThat(html(mvc.perform(get("/me").session(erika)))).contains("Ihre Antwort ist angekommen",
                "http-equiv=\"refresh\"");
    }

    @Test
    void noCitizenCanAnswerAnotherCitizensOffer() throws Exception {
        MockHttpSession erika = registeredAndVerified("Erika Mustermann", "0151 23456789");
        registeredAndVerified("Hans Meier", "0170 1234567");
        MadeOffer hansOffer = offerArrives(Duration.ofMinutes(15), candidateIdOf("+491701234567"));

        assertThat(html(mvc.perform(get("/me").session(erika)))).doesNotContain("id=\"countdown\"");
        String page = html(mvc.perform(get("/me/preferences").session(erika)));
        mvc.perform(post("/me/offer").session(erika).param("_csrf", csrf(page))
                        .param("offerId", hansOffer.event().offerId()).param("answer", "ACCEPT"))
                .andExpect(status().isNotFound());
        assertThat(stored(hansOffer).getString("state")).isEqualTo("OPEN");
        assertThat(stored(hansOffer).getList("outbox", Object.class)).isEmpty();
    }

    @Test
    void withoutASessionTheOwnPagesLeadToSignIn() throws Exception {
        for (String path : List.of("/me", "/me/verification", "/me/preferences", "/me/withdraw", "/me/offer",
                "/me/appointment/cancel")) {
            mvc.perform(get(path)).andExpect(redirectedUrl("/sign-in?lang=de"));
        }
    }

    @Test
    void preferencesAreChangedAndTheWithdrawalIsConfirmedFirst() throws Exception {
        MockHttpSession erika = registeredAndVerified("Erika Mustermann", "0151 23456789");
        String form = html(mvc.perform(get("/me/preferences").session(erika)));
        assertThat(html(mvc.perform(post("/me/preferences").session(erika).param("_csrf", csrf(form))
                .param("maxTravelMinutes", "45")).andExpect(status().isBadRequest())))
                .contains("error-summary", "href=\"#centreIds\"", "Bitte wählen Sie 1 bis 5 Impfzentren");
        mvc.perform(post("/me/preferences").session(erika).param("_csrf", csrf(form))
                .param("centreIds", "korbach", "kassel").param("maxTravelMinutes", "45").param("language", "en"))
                .andExpect(redirectedUrl("/me?lang=de"));
        assertThat(storedByPhone("+4915123456789").getList("centreIds", String.class))
                .containsExactly("korbach", "kassel");

        String confirm = html(mvc.perform(get("/me/withdraw").session(erika)).andExpect(status().isOk()));
        assertThat(confirm).contains("Ja, austragen");
        assertThat(storedByPhone("+4915123456789").getString("status")).isEqualTo("ACTIVE");
        assertThat(html(mvc.perform(post("/me/withdraw").session(erika).param("_csrf", csrf(confirm)))
                .andExpect(status().isOk()))).contains("Sie sind ausgetragen");
        assertThat(mongo.getCollection(COLLECTION).find().first().getString("status")).isEqualTo("WITHDRAWN");
        mvc.perform(get("/me").session(erika)).andExpect(redirectedUrl("/sign-in?lang=de"));
    }

    @Test
    void invalidInputKeepsWhatWasTypedAndNamesEachFieldInPlainLanguage() throws Exception {
        MockHttpSession session = new MockHttpSession();
        String form = html(mvc.perform(get("/register").param("lang", "en").session(session)));
        String page = html(mvc.perform(post("/register").session(session).param("_csrf", csrf(form))
                .param("lang", "en").param("name", "Erika Mustermann").param("birthDate", "31.02.1950")
                .param("phone", "0561 1234567").param("maxTravelMinutes", "30")).andExpect(status().isBadRequest()));
        assertThat(page).contains("lang=\"en\"", "Please check these details", "href=\"#birthDate\"",
                "href=\"#priorityGroup\"", "href=\"#centreIds\"", "href=\"#consent\"", "value=\"Erika Mustermann\"",
                "aria-invalid=\"true\"", "aria-describedby=\"birthDate-hint birthDate-error\"");
        assertThat(mongo.getCollection(COLLECTION).countDocuments()).isZero();
    }

    private MockHttpSession registeredAndVerified(String name, String phone) throws Exception {
        MockHttpSession session = new MockHttpSession();
        String form = html(mvc.perform(get("/register").session(session)));
        MvcResult created = mvc.perform(registration(session, name, phone).param("_csrf", csrf(form)))
                .andExpect(status().is3xxRedirection()).andReturn();
        MockHttpSession signedIn = (MockHttpSession) created.getRequest().getSession();
        NotificationRequested request = notificationsOf(candidateIdOf(e164(phone)), 1).get(0);
        String verification = html(mvc.perform(get("/me/verification").session(signedIn)));
        mvc.perform(post("/me/verification").session(signedIn).param("_csrf", csrf(verification))
                .param("code", request.parameters().get("code"))).andExpect(redirectedUrl("/me?lang=de"));
        return signedIn;
    }

    private static MockHttpServletRequestBuilder registration(MockHttpSession session, String name, String phone) {
        return post("/register").session(session).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("name", name).param("birthDate", "1950-04-01").param("phone", phone)
                .param("priorityGroup", "HIGH").param("centreIds", "korbach").param("maxTravelMinutes", "30")
                .param("language", "de").param("consent", "yes");
    }

    private Document storedByPhone(String e164) {
        return mongo.getCollection(COLLECTION).find(new Document("phone", e164)).first();
    }

    /** The German mobile numbers used here, as stored. */
    private static String e164(String national) {
        return "+49" + national.replace(" ", "").substring(1);
    }

    private String candidateIdOf(String e164) {
        return storedByPhone(e164).getString("_id");
    }

    private static String csrf(String html) {
        return match(CSRF, html);
    }

    private static String match(Pattern pattern, String html) {
        Matcher matcher = pattern.matcher(html);
        assertThat(matcher.find()).as("%s in the page", pattern).isTrue();
        return matcher.group(1);
    }

    private static String html(ResultActions result) throws Exception {
        return result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
