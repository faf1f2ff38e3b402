package de.nachruecker.registration;

import de.nachruecker.events.Topics;
import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.events.notification.NotificationRequested;
import de.nachruecker.events.offer.AppointmentCancelled;
import de.nachruecker.events.offer.OfferAnswerEvent;
import de.nachruecker.events.offer.OfferAnswered;
import de.nachruecker.events.offer.OfferConfirmed;
import de.nachruecker.support.testing.HeadlessChromium;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A citizen's whole way through the pages in a real browser (Debian's headless Chromium) against the running service:
 * register, keep the access code, verify with the code the SMS request carried, see the status, see an offer with its
 * countdown, accept it; the answer goes out on the real topic. Once confirmed, the status shows the appointment with
 * its reference and the centre's phone, and the citizen cancels it after a confirmation step, staying on the list.
 */
class CitizenJourneyBrowserIT extends IntegrationTestBase {

    @LocalServerPort
    int port;

    private WebDriver browser;

    @BeforeEach
    void startBrowser() throws Exception {
        browser = HeadlessChromium.start(Path.of("target"), Duration.ofSeconds(5));
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void registerVerifySeeTheOfferAndAcceptIt() {
        browser.get("http://localhost:" + port + "/?lang=de");
        toNextPage(By.id("register"));

        registerErika("0151 23456789", null);

        String accessCode = browser.findElement(By.id("access-code")).getText();
        assertThat(accessCode).matches("([0-9A-HJKMNP-TV-Z]{4} ){6}[0-9A-HJKMNP-TV-Z]{4}");
        String candidateId = mongo.getCollection(COLLECTION).find(new Document("phone", "+4915123456789")).first()
                .getString("_id");
        String smsCode = notificationsOf(candidateId, 1).get(0).parameters().get("code");

        verifyWith(smsCode);
        assertThat(browser.findElement(By.id("status")).getText()).contains("Sie stehen auf der Liste");

        MadeOffer offer = offerArrives(Duration.ofMinutes(15), candidateId);
        browser.navigate().refresh();
        WebElement countdown = browser.findElement(By.id("countdown"));
        assertThat(countdown.getAttribute("aria-live")).isEqualTo("polite");
        assertThat(countdown.getText()).matches("noch 1[45] Minuten");

        // the link as the English offer SMS has it opens the page in English, whatever the phone's language
        String link = "http://localhost:" + port + "/offers/answer?token=" + offer.token();
        browser.get(link + "&lang=en");
        screenshot("offer-en");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("A vaccine dose for you");
        assertThat(browser.findElement(By.cssSelector("form input[name=lang]")).getAttribute("value"))
                .as("the answer keeps the language").isEqualTo("en");
        assertThat(pageIn(link + "&lang=en", "de-DE,de")).contains("<h1>A vaccine dose for you</h1>");
        assertThat(pageIn(link, "de-DE,de")).as("without lang: the phone's language")
                .contains("<h1>Eine Impfdosis für Sie</h1>");
        browser.get("http://localhost:" + port + "/me?lang=de");

        toNextPage(By.id("answer"));
        toNextPage(By.cssSelector("button.accept"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isNotBlank();

        OfferAnswered answered = codec.decode(poll(offer.event().releaseId(), 1, "offer-answers").get(0).value(),
                OfferAnswered.class);
        assertThat(answered.offerId()).isEqualTo(offer.event().offerId());
        assertThat(answered.candidateId()).isEqualTo(candidateId);
        assertThat(answered.answer()).isEqualTo(OfferAnswered.Answer.ACCEPT);

        // after the yes: the confirmed appointment with its reference and the centre's phone on the status page
        publisher.publish(Topics.OFFERS, new OfferConfirmed(UUID.randomUUID(), clock.instant(),
                offer.event().releaseId(), offer.event().offerId(), candidateId, "korbach",
                offer.event().windowFrom(), offer.event().windowTo(), "7K3M-Q9XA"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "CONFIRMED".equals(stored(offer).getString("state")));
        // the confirmation page behind the offer link shows the same reference and the centre's phone
        browser.get("http://localhost:" + port + "/offers/answer?lang=de&token=" + offer.token());
        screenshot("confirmation");
        assertThat(browser.findElement(By.id("reference")).getText()).isEqualTo("7K3M-Q9XA");
        assertThat(browser.findElement(By.id("centre-phone")).getText()).isEqualTo("+49 30 23125 001");
        browser.get("http://localhost:" + port + "/me?lang=de");
        screenshot("status-appointment");
        assertThat(browser.findElement(By.id("reference")).getText()).isEqualTo("7K3M-Q9XA");
        assertThat(browser.findElement(By.id("appointment-phone")).getText()).isEqualTo("+49 30 23125 001");
        assertThat(browser.findElement(By.id("appointment-centre")).getText())
                .isEqualTo("Impfzentrum Waldeck-Frankenberg");
        assertThat(browser.findElement(By.id("status")).getText()).contains("bestätigten Impftermin")
                .doesNotContain("warten auf ein Angebot");
        assertThat(browser.findElements(By.id("band"))).isEmpty();

        // cancelling asks first; "keep" changes nothing
        toNextPage(By.id("cancel-appointment"));
        screenshot("cancel-confirmation");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Termin absagen");
        toNextPage(By.id("keep"));
        assertThat(browser.findElement(By.id("reference")).getText()).isEqualTo("7K3M-Q9XA");
        assertThat(stored(offer).getString("state")).isEqualTo("CONFIRMED");

        toNextPage(By.id("cancel-appointment"));
        toNextPage(By.id("cancel-stay"));
        screenshot("status-cancelled");
        assertThat(browser.findElement(By.cssSelector(".notice[role=status]")).getText())
                .contains("Ihr Termin ist abgesagt");
        assertThat(browser.findElements(By.id("appointment"))).isEmpty();
        assertThat(browser.findElement(By.id("status")).getText()).contains("Sie stehen auf der Liste");
        assertThat(codec.decode(poll(offer.event().releaseId(), 2, "offer-answers").get(1).value(),
                OfferAnswerEvent.class)).isInstanceOf(AppointmentCancelled.class);
    }

    @Test
    void aDaughterRegistersBothParentsOnHerPhoneAndHasTheSecondCodeSentBySms() throws Exception {
        browser.get("http://localhost:" + port + "/register?lang=de");
        screenshot("register");
        registerErika("0151 99887766", "tochter@example.org");
        screenshot("registered");
        String erikaCode = browser.findElement(By.id("access-code")).getText();
        assertThat(browser.findElement(By.id("person")).getText()).contains("Erika Mustermann");
        String erika = candidateOnPhone("Erika Mustermann");
        String smsCode = notificationsOf(erika, 1).get(0).parameters().get("code");
        verifyWith(smsCode);
        screenshot("status-household");

        // the status page offers the next person on the same phone; the form comes with phone and centres filled in
        toNextPage(By.id("add-person"));
        screenshot("register-another");
        assertThat(browser.findElement(By.id("household")).getText()).contains("Weitere Person");
        assertThat(browser.findElement(By.id("phone")).getAttribute("value")).isEqualTo("+4915199887766");
        type("name", "Heinz Mustermann");
        type("birthDate", "30071941");
        browser.findElement(By.id("priorityGroup")).click();
        browser.findElement(By.id("consent")).click();
        toNextPage(By.id("submit"));
        screenshot("registered-on-proof");

        // verified on the proof moments ago: no second code, a code of his own
        String heinzCode = browser.findElement(By.id("access-code")).getText();
        assertThat(heinzCode).isNotEqualTo(erikaCode).matches("([0-9A-HJKMNP-TV-Z]{4} ){6}[0-9A-HJKMNP-TV-Z]{4}");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("schon bestätigt")
                .contains("Heinz Mustermann");
        String heinz = candidateOnPhone("Heinz Mustermann");
        assertThat(mongo.getCollection(COLLECTION).find(new Document("phone", "+4915199887766")
                .append("status", "ACTIVE")).into(new ArrayList<>())).hasSize(2);

        toNextPage(By.id("send-code-sms"));
        screenshot("status-code-sent");
        assertThat(browser.findElement(By.cssSelector("p.notice")).getText()).contains("per SMS unterwegs");
        NotificationRequested sent = notificationsOf(heinz, 1).get(0);
        assertThat(sent.template()).isEqualTo(MessageTemplate.ACCESS_CODE_BY_SMS);
        assertThat(sent.parameters().get("accessCode")).isEqualTo(heinzCode);

        // signing in with Erika's code, typed sloppily, opens Erika's page, not Heinz's
        toNextPage(By.cssSelector("nav form button"));
        browser.get("http://localhost:" + port + "/sign-in?lang=de");
        screenshot("sign-in");
        type("code", erikaCode.toLowerCase(Locale.ROOT).replace(' ', '-'));
        toNextPage(By.id("submit"));
        assertThat(browser.findElement(By.id("person")).getText()).contains("Erika Mustermann");
    }

    /** On the registration form: Erika Mustermann, the first priority group, Korbach, consent; sent. */
    private void registerErika(String phone, String email) {
        type("name", "Erika Mustermann");
        // typed as the hint shows it, whatever the browser's locale (a text field, not the browser's date control)
        type("birthDate", "12.03.1944");
        type("phone", phone);
        if (email != null) {
            type("email", email);
        }
        browser.findElement(By.id("priorityGroup")).click();
        browser.findElement(By.cssSelector("input[name=centreIds][value=korbach]")).click();
        browser.findElement(By.id("consent")).click();
        toNextPage(By.id("submit"));
    }

    /** From the page after registering: enters the code the SMS brought. */
    private void verifyWith(String smsCode) {
        toNextPage(By.id("verify"));
        type("code", smsCode);
        toNextPage(By.id("submit"));
    }

    private String candidateOnPhone(String name) {
        return mongo.getCollection(COLLECTION).find(new Document("name", name)).first().getString("_id");
    }

    /** The page as a phone set to {@code acceptLanguage} gets it. */
    private static String pageIn(String url, String acceptLanguage) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Accept-Language", acceptLanguage)
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void screenshot(String name) {
        HeadlessChromium.screenshot(browser, name);
    }

    private void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** Leaves the page by clicking {@code target}; returns once the next page has loaded. */
    private void toNextPage(By target) {
        HeadlessChromium.clickToNextPage(browser, target, Duration.ofSeconds(30));
    }
}
