package de.nachruecker.registration;

import de.nachruecker.events.offer.OfferAnswered;
import de.nachruecker.support.testing.HeadlessChromium;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A citizen's whole way through the pages in a real browser (Debian's headless Chromium) against the running service:
 * register, keep the access code, verify with the code the SMS request carried, see the status, see an offer with its
 * countdown, accept it; the answer goes out on the real topic.
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

        type("name", "Erika Mustermann");
        // typed as the hint shows it, whatever the browser's locale (a text field, not the browser's date control)
        type("birthDate", "12.03.1944");
        type("phone", "0151 23456789");
        browser.findElement(By.id("priorityGroup")).click();
        browser.findElement(By.cssSelector("input[name=centreIds][value=korbach]")).click();
        browser.findElement(By.id("consent")).click();
        toNextPage(By.id("submit"));

        String accessCode = browser.findElement(By.id("access-code")).getText();
        assertThat(accessCode).matches("[A-Za-z0-9_-]{43}");
        String candidateId = mongo.getCollection(COLLECTION).find(new Document("phone", "+4915123456789")).first()
                .getString("_id");
        String smsCode = notificationsOf(candidateId, 1).get(0).parameters().get("code");

        toNextPage(By.id("verify"));
        type("code", smsCode);
        toNextPage(By.id("submit"));
        assertThat(browser.findElement(By.id("status")).getText()).contains("Sie stehen auf der Liste");

        MadeOffer offer = offerArrives(Duration.ofMinutes(15), candidateId);
        browser.navigate().refresh();
        WebElement countdown = browser.findElement(By.id("countdown"));
        assertThat(countdown.getAttribute("aria-live")).isEqualTo("polite");
        assertThat(countdown.getText()).matches("noch 1[45] Minuten");

        toNextPage(By.id("answer"));
        toNextPage(By.cssSelector("button.accept"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isNotBlank();

        OfferAnswered answered = codec.decode(poll(offer.event().releaseId(), 1, "offer-answers").get(0).value(),
                OfferAnswered.class);
        assertThat(answered.offerId()).isEqualTo(offer.event().offerId());
        assertThat(answered.candidateId()).isEqualTo(candidateId);
        assertThat(answered.answer()).isEqualTo(OfferAnswered.Answer.ACCEPT);
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
