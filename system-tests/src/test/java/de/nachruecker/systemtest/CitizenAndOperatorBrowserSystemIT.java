package de.nachruecker.systemtest;

import de.nachruecker.support.testing.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The loop in a real browser (Debian's headless Chromium) across the running platform: a citizen registers on the
 * registration pages and verifies with the code from the SMS, an operator signs in on the slot-service pages and
 * publishes a dose, the citizen opens the offer link from the SMS and accepts, and the operator's release page shows
 * the dose confirmed. The operator works on {@code 127.0.0.1}, the citizen on {@code localhost}: one browser, two
 * separate cookie jars, as two people on two machines.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(3)
class CitizenAndOperatorBrowserSystemIT {

    private static final String PHONE = "+4915122334455";
    private static final String CENTRE = "kassel";
    private static final String LANDLINE = "05631 765433";
    private static final String LANDLINE_E164 = "+495631765433";
    private static final String LANDLINE_CENTRE = "bad-hersfeld";
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    private PlatformActions platform;
    private WebDriver browser;

    @BeforeAll
    void startPlatformAndBrowser() throws Exception {
        platform = new PlatformActions(LocalPlatformProcess.shared());
        Path target = Path.of(System.getProperty("platform.home", "..")).resolve("system-tests").resolve("target");
        browser = HeadlessChromium.start(target, Duration.ofSeconds(10));
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aCitizenRegistersAndAcceptsAnOfferAnOperatorPublishedAndSeesFilled() {
        browser.get(platform.registration() + "/register");
        browser.findElement(By.id("name")).sendKeys("Brunhilde Browser");
        setValue("birthDate", "1943-04-04");
        browser.findElement(By.id("phone")).sendKeys(PHONE);
        browser.findElement(By.cssSelector("input[name=priorityGroup][value=HIGHEST]")).click();
        browser.findElement(By.cssSelector("input[name=centreIds][value=" + CENTRE + "]")).click();
        browser.findElement(By.id("consent")).click();
        toNextPage(By.id("submit"));

        toNextPage(By.id("verify"));
        String sms = platform.awaitMessageTo(PHONE, text -> CODE.matcher(text).find());
        Matcher code = CODE.matcher(sms);
        assertThat(code.find()).isTrue();
        browser.findElement(By.id("code")).sendKeys(code.group(1));
        toNextPage(By.id("submit"));
        assertThat(browser.findElement(By.id("status")).getText()).isNotBlank();

        String operatorPages = platform.slots().replace("localhost", "127.0.0.1");
        browser.get(operatorPages + "/releases");
        browser.findElement(By.id("username")).sendKeys("operator-kassel");
        browser.findElement(By.id("password")).sendKeys(Staff.DEMO_PASSWORD);
        toNextPage(By.cssSelector("button[type=submit]"));
        new Select(browser.findElement(By.id("product"))).selectByValue("COMIRNATY");
        browser.findElement(By.id("doseCount")).sendKeys("1");
        setValue("vialOpenedAt", DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").format(Instant.now()
                .minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MINUTES).atZone(ZoneId.of("Europe/Berlin"))));
        toNextPage(By.cssSelector("#publish button[type=submit]"));
        assertThat(browser.findElement(By.id("flash")).getText()).contains("veröffentlicht");
        String releasePage = browser.getCurrentUrl();

        String link = platform.offerLinkTo(new PlatformActions.Citizen(PHONE, null, null));
        browser.get(link);
        browser.findElement(By.cssSelector("button.accept")).click();
        await("the citizen sees the dose confirmed").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> !browser.findElements(By.id("outcome-confirmed")).isEmpty());

        browser.get(releasePage);
        // the page swaps its live parts for fresher ones: an element read mid-swap is read again
        await("the operator sees the dose confirmed and the release filled").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1)).ignoreException(StaleElementReferenceException.class)
                .untilAsserted(() -> {
                    assertThat(browser.findElement(By.id("fill-confirmed")).getText()).isEqualTo("1");
                    assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Vergeben");
                });
    }

    /**
     * Someone with only a landline registers on the page with "Festnetz (Anruf)", verifies with the code the call read
     * out, and answers the offer call with key 1 through the voice stand-in (as Twilio would post it); the status page
     * shows the offer while it waits and no longer once the key confirmed it.
     */
    @Test
    void aLandlineOfferIsAnsweredByKeyPressThroughTheStandIn() throws Exception {
        browser.get(platform.registration() + "/register");
        browser.manage().deleteAllCookies(); // a new person on this browser, not the next one of a household
        browser.get(platform.registration() + "/register");
        browser.findElement(By.id("name")).sendKeys("Fritz Festnetz");
        setValue("birthDate", "1935-09-09");
        browser.findElement(By.id("phoneKind-LANDLINE")).click();
        browser.findElement(By.id("phone")).sendKeys(LANDLINE);
        browser.findElement(By.cssSelector("input[name=priorityGroup][value=HIGHEST]")).click();
        browser.findElement(By.cssSelector("input[name=centreIds][value=" + LANDLINE_CENTRE + "]")).click();
        // the calls speak the message language, which follows the browser's (English here) unless chosen
        browser.findElement(By.id("language")).click();
        browser.findElement(By.id("consent")).click();
        toNextPage(By.id("submit"));

        toNextPage(By.id("verify"));
        String code = PlatformActions.codeReadIn(platform.awaitCallTo(LANDLINE_E164,
                said -> said.contains("Bestätigungscode")));
        browser.findElement(By.id("code")).sendKeys(code);
        toNextPage(By.id("submit"));
        assertThat(platform.messagesTo(LANDLINE_E164)).as("no SMS to a landline").isEmpty();

        platform.release(LANDLINE_CENTRE, 1);
        var offerCall = platform.awaitCallTo(LANDLINE_E164, said -> said.contains("Drücken Sie die 1"));
        await("the status page shows the offer").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    browser.get(platform.registration() + "/me");
                    return !browser.findElements(By.id("offer")).isEmpty();
                });
        assertThat(browser.findElement(By.id("offer")).getText()).contains("Hersfeld");

        var answered = platform.pressKey(offerCall, "1");
        assertThat(answered.path("keys").get(0).path("said").toString()).containsAnyOf("Zusage ist bestätigt",
                "Zusage ist eingegangen");
        platform.awaitCallTo(LANDLINE_E164, said -> said.contains("Termin bestätigt"));
        browser.get(platform.registration() + "/me");
        assertThat(browser.findElements(By.id("answer"))).as("nothing left to answer").isEmpty();
        assertThat(browser.findElement(By.id("status")).getText()).isNotBlank();
    }

    /** Sets a date or datetime-local field as the browser's picker would. */
    private void setValue(String id, String value) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]",
                browser.findElement(By.id(id)), value);
    }

    /** Leaves the page by clicking {@code target}; returns once the next page has loaded. */
    private void toNextPage(By target) {
        HeadlessChromium.clickToNextPage(browser, target, Duration.ofSeconds(30));
    }
}
