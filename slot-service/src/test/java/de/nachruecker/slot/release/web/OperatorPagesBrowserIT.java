package de.nachruecker.slot.release.web;

import de.nachruecker.events.EventCodec;
import de.nachruecker.events.Topics;
import de.nachruecker.events.arrival.ArrivalEvent;
import de.nachruecker.events.arrival.CandidateVaccinated;
import de.nachruecker.events.offer.AppointmentReference;
import de.nachruecker.events.offer.DosesExpired;
import de.nachruecker.events.offer.OfferCancelled;
import de.nachruecker.events.offer.ReleaseFilled;
import de.nachruecker.slot.release.application.PublishingRelease;
import de.nachruecker.slot.release.model.ReleaseDraft;
import de.nachruecker.slot.release.model.TimeWindow;
import de.nachruecker.slot.testing.OfferEventSender;
import de.nachruecker.slot.testing.SlotServiceTestBase;
import de.nachruecker.slot.testing.TopicReader;
import de.nachruecker.support.testing.HeadlessChromium;
import de.nachruecker.support.testing.RealBrokerAndDatabase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.ActiveProfiles;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static de.nachruecker.slot.testing.OfferEventSender.confirmed;
import static de.nachruecker.slot.testing.OfferEventSender.made;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator in a real browser (Debian's headless Chromium) against the running service: signs in, publishes doses
 * with the vial clock, watches the release fill while the allocation's offer events arrive (the page updates itself,
 * no reload), and records the confirmed candidate as vaccinated, which goes out on {@code arrivals}.
 */
@RealBrokerAndDatabase
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "nachruecker.slot.page-refresh=500ms")
@ActiveProfiles("staff-test")
class OperatorPagesBrowserIT {

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    EventCodec codec;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    PublishingRelease publishing;

    private WebDriver browser;

    @BeforeEach
    void startBrowser() throws Exception {
        browser = HeadlessChromium.start(Path.of("target"), Duration.ofSeconds(5));
    }

    @AfterEach
    void stopBrowserAndRemoveReleases() {
        if (browser != null) {
            browser.quit();
        }
        mongo.remove(new Query(), "releases");
    }

    @Test
    void operatorPublishesDosesWatchesThemFillAndRecordsTheVaccination() {
        browser.get("http://localhost:" + port + "/releases");
        assertThat(browser.getCurrentUrl()).contains("/staff/login");
        browser.findElement(By.id("username")).sendKeys("operator-korbach");
        browser.findElement(By.id("password")).sendKeys(SlotServiceTestBase.PASSWORD);
        toNextPage(By.cssSelector("button[type=submit]"));

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Freigaben");
        // an operator of one centre can publish only for that centre
        assertThat(new Select(browser.findElement(By.id("centreId"))).getOptions()).hasSize(1);
        new Select(browser.findElement(By.id("product"))).selectByValue("COMIRNATY");
        browser.findElement(By.id("doseCount")).sendKeys("2");
        setValue("vialOpenedAt", Instant.now().minus(Duration.ofMinutes(10)));
        toNextPage(By.cssSelector("#publish button[type=submit]"));

        assertThat(browser.findElement(By.id("flash")).getText()).contains("veröffentlicht");
        String releaseId = browser.getCurrentUrl().replaceAll(".*/releases/", "");
        assertThat(browser.findElement(By.id("fill-offered")).getText()).isEqualTo("0");
        ((JavascriptExecutor) browser).executeScript("window.sameDocument = true");

        try (TopicReader arrivals = new TopicReader(broker, Topics.ARRIVALS);
             OfferEventSender offers = new OfferEventSender(broker, codec)) {
            offers.send(made(releaseId, "offer-browser-1", "cand-1"));
            offers.send(made(releaseId, "offer-browser-2", "cand-2"));
            offers.send(confirmed(releaseId, "offer-browser-1", "cand-1"));

            // the live script swaps the figures for fresher ones: an element read mid-swap is read again
            await().atMost(Duration.ofSeconds(20)).ignoreException(StaleElementReferenceException.class)
                    .untilAsserted(() -> {
                        assertThat(text("fill-offered")).isEqualTo("2");
                        assertThat(text("fill-confirmed")).isEqualTo("1");
                        assertThat(text("fill-open")).isEqualTo("1");
                    });
            assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument")).isEqualTo(true);

            String reference = AppointmentReference.of("offer-browser-1");
            // the table may just be swapped for a fresher copy: then the button is found again
            await().atMost(Duration.ofSeconds(10)).ignoreException(StaleElementReferenceException.class).until(() -> {
                browser.findElement(By.cssSelector("#appointment-" + reference + " button.vaccinated")).click();
                return true;
            });

            // the click leaves the page: until the answer is shown, elements found may belong to the old one, which
            // has no flash (the implicit wait alone gave up under load)
            await().atMost(Duration.ofSeconds(10))
                    .ignoreExceptionsMatching(e -> e instanceof StaleElementReferenceException
                            || e instanceof NoSuchElementException)
                    .untilAsserted(() -> {
                        assertThat(text("flash")).isEqualTo("Als geimpft erfasst.");
                        assertEnded(reference, "Geimpft");
                    });
            // the person cancels the other appointment: the operator sees it live, and it takes no arrival
            ((JavascriptExecutor) browser).executeScript("window.sameDocument = true");
            offers.send(confirmed(releaseId, "offer-browser-2", "cand-2"));
            String other = AppointmentReference.of("offer-browser-2");
            await().atMost(Duration.ofSeconds(20)).ignoreException(StaleElementReferenceException.class)
                    .until(() -> !browser.findElements(By.id("appointment-" + other)).isEmpty());
            // both doses confirmed: the status follows the fill on the open page
            offers.send(new ReleaseFilled(UUID.randomUUID(), Instant.now(), releaseId, "korbach", 2, 2));
            await().atMost(Duration.ofSeconds(20)).ignoreException(StaleElementReferenceException.class)
                    .untilAsserted(() -> assertThat(text("status")).isEqualTo("Vergeben"));
            offers.send(new OfferCancelled(UUID.randomUUID(), Instant.now(), releaseId, "offer-browser-2", "cand-2",
                    "korbach", other));
            await().atMost(Duration.ofSeconds(20)).ignoreException(StaleElementReferenceException.class)
                    .untilAsserted(() -> {
                        assertThat(text("fill-cancelled")).isEqualTo("1");
                        assertEnded(other, "Von der Person abgesagt");
                        assertThat(text("status")).as("the cancelled dose is free again").isEqualTo("Veröffentlicht");
                    });
            HeadlessChromium.screenshot(browser, "operator-release-cancelled");
            assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument")).isEqualTo(true);

            ConsumerRecord<String, byte[]> record = arrivals.until(1).get(0);
            assertThat(codec.decode(record.value(), ArrivalEvent.class)).isInstanceOfSatisfying(
                    CandidateVaccinated.class, vaccinated -> {
                        assertThat(vaccinated.releaseId()).isEqualTo(releaseId);
                        assertThat(vaccinated.offerId()).isEqualTo("offer-browser-1");
                    });
        }
    }

    @Test
    void invalidInputIsShownInAnErrorSummaryAndNothingIsPublished() {
        browser.get("http://localhost:" + port + "/staff/login");
        browser.findElement(By.id("username")).sendKeys("operator-korbach");
        browser.findElement(By.id("password")).sendKeys(SlotServiceTestBase.PASSWORD);
        toNextPage(By.cssSelector("button[type=submit]"));
        browser.get("http://localhost:" + port + "/releases?lang=en");
        long releasesBefore = mongo.count(new Query(), "releases");

        browser.findElement(By.id("doseCount")).sendKeys("0");
        toNextPage(By.cssSelector("#publish button[type=submit]"));

        WebElement summary = browser.findElement(By.id("error-summary"));
        assertThat(summary.getText()).contains("Please check").contains("Number of doses: At least 1.")
                .contains("Usable until");
        assertThat(browser.findElement(By.id("doseCount")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("doseCount")).getAttribute("aria-describedby"))
                .isEqualTo("doseCount-error");
        summary.findElement(By.cssSelector("a[href='#doseCount']")).click();
        assertThat(browser.getCurrentUrl()).endsWith("#doseCount");
        assertThat(mongo.count(new Query(), "releases")).isEqualTo(releasesBefore);

        browser.get("http://localhost:" + port + "/releases?lang=de");
        browser.findElement(By.id("doseCount")).sendKeys("0");
        toNextPage(By.cssSelector("#publish button[type=submit]"));
        assertThat(browser.findElement(By.id("error-summary")).getText())
                .as("the broken release rules in the page's language")
                .contains("Anzahl Dosen: Mindestens 1.")
                .doesNotContain("must be");
        assertThat(mongo.count(new Query(), "releases")).isEqualTo(releasesBefore);
    }

    /**
     * The list's status says how each release ended: it once read "Veröffentlicht" beside a release whose every
     * dose was confirmed.
     */
    @Test
    void theListShowsWhichReleasesFilledAndWhichExpired() {
        String open = published(2);
        String filled = published(1);
        String expired = published(1);
        try (OfferEventSender offers = new OfferEventSender(broker, codec)) {
            offers.send(made(filled, "offer-filled-1", "cand-1"));
            offers.send(confirmed(filled, "offer-filled-1", "cand-1"));
            offers.send(new ReleaseFilled(UUID.randomUUID(), Instant.now(), filled, "korbach", 1, 1));
            offers.send(new DosesExpired(UUID.randomUUID(), Instant.now(), expired, "korbach", "COMIRNATY", 1));
        }
        browser.get("http://localhost:" + port + "/staff/login");
        browser.findElement(By.id("username")).sendKeys("operator-korbach");
        browser.findElement(By.id("password")).sendKeys(SlotServiceTestBase.PASSWORD);
        toNextPage(By.cssSelector("button[type=submit]"));

        // the list does not update itself: it is read again until the service has taken in the offer events
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            browser.get("http://localhost:" + port + "/releases");
            assertThat(stage(filled)).isEqualTo("Vergeben");
            assertThat(stage(expired)).isEqualTo("Abgelaufen");
        });
        assertThat(stage(open)).isEqualTo("Veröffentlicht");
        assertThat(browser.findElement(By.cssSelector("#release-" + filled + " td:nth-child(7)")).getText())
                .isEqualTo("1 / 1");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('releases').scrollIntoView()");
        HeadlessChromium.screenshot(browser, "operator-releases-stages");
        assertStatusInViewWithoutScrollingSideways(390, 844, open, filled, expired);
        assertStatusInViewWithoutScrollingSideways(1280, 900, open, filled, expired);
        assertThat(browser.findElement(By.cssSelector("#releases thead")).isDisplayed())
                .as("a table with its column heads at desktop width").isTrue();
        assertThat(rowTops(open)).as("at desktop width each release is one line of the table").hasSize(1);

        browser.get("http://localhost:" + port + "/releases/" + filled);
        HeadlessChromium.screenshot(browser, "operator-release-one-dose");
        assertThat(text("status")).isEqualTo("Vergeben");
        // recording an arrival at the door on a phone: the buttons were beyond the right edge
        String reference = AppointmentReference.of("offer-filled-1");
        await().atMost(Duration.ofSeconds(10)).ignoreException(StaleElementReferenceException.class)
                .untilAsserted(() -> assertInViewWithoutScrollingSideways(390, 844,
                        By.cssSelector("#appointment-" + reference + " button.vaccinated"),
                        By.cssSelector("#appointment-" + reference + " button.missed")));
        browser.manage().window().setSize(new Dimension(1280, 900));
        // one dose is one "Dosis": the title read "Freigabe: 1 Dosen"
        assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("Freigabe: 1 Dosis ");
        assertThat(browser.getTitle()).startsWith("Freigabe: 1 Dosis ");
        browser.get("http://localhost:" + port + "/releases/" + expired);
        assertThat(text("doses-expired")).isEqualTo("1 Dosis wurde nicht rechtzeitig vergeben und ist verfallen.");
        browser.get("http://localhost:" + port + "/releases/" + open);
        assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("Freigabe: 2 Dosen ");
        browser.get("http://localhost:" + port + "/releases/" + expired + "?lang=en");
        assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("Release: 1 dose of ");
        assertThat(text("doses-expired")).isEqualTo("1 dose was not taken in time and is wasted.");
        browser.get("http://localhost:" + port + "/releases?lang=en");
        assertThat(stage(expired)).isEqualTo("Expired");
    }

    /** The list's status of every release is inside the window: at phone width it was beyond the right edge. */
    private void assertStatusInViewWithoutScrollingSideways(int width, int height, String... releaseIds) {
        assertInViewWithoutScrollingSideways(width, height, Stream.of(releaseIds)
                .map(releaseId -> By.cssSelector("#release-" + releaseId + " .stage")).toArray(By[]::new));
    }

    /** At this window size the page does not scroll sideways and each of {@code targets} is inside the window. */
    private void assertInViewWithoutScrollingSideways(int width, int height, By... targets) {
        browser.manage().window().setSize(new Dimension(width, height));
        JavascriptExecutor script = (JavascriptExecutor) browser;
        long viewport = ((Number) script.executeScript("return document.documentElement.clientWidth")).longValue();
        assertThat(((Number) script.executeScript("return document.documentElement.scrollWidth")).longValue())
                .as("page width at %d px; beyond the right edge: %s", width, script.executeScript(
                        "return [...document.querySelectorAll('body *')]"
                                + ".filter(e => e.getBoundingClientRect().right > arguments[0])"
                                + ".map(e => e.tagName + '#' + e.id + '.' + e.className).slice(0, 8).join(', ')",
                        viewport))
                .isLessThanOrEqualTo(viewport);
        for (By target : targets) {
            WebElement element = browser.findElement(target);
            Rectangle box = element.getRect();
            assertThat(element.isDisplayed()).as("%s at %d px", target, width).isTrue();
            assertThat(box.getX()).as("%s at %d px", target, width).isGreaterThanOrEqualTo(0);
            assertThat(box.getX() + box.getWidth()).as("%s at %d px", target, width)
                    .isLessThanOrEqualTo((int) viewport);
        }
    }

    /** The distinct tops of a release's cells in the list: one when the row is a line of a table. */
    private Set<Integer> rowTops(String releaseId) {
        return browser.findElements(By.cssSelector("#release-" + releaseId + " td")).stream()
                .map(cell -> cell.getRect().getY()).collect(Collectors.toSet());
    }

    private String published(int doses) {
        Instant now = Instant.now();
        TimeWindow window = new TimeWindow(now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(2)));
        return publishing.publish(new ReleaseDraft("korbach", "COMIRNATY", doses, window,
                now.plus(Duration.ofHours(3)), null), UUID.randomUUID().toString()).release().id();
    }

    private String stage(String releaseId) {
        return browser.findElement(By.cssSelector("#release-" + releaseId + " .stage")).getText();
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** The appointment's row shows it ended as {@code state}, and offers nothing more to record. */
    private void assertEnded(String reference, String state) {
        assertThat(browser.findElement(By.cssSelector("#appointment-" + reference + " .state")).getText())
                .startsWith(state);
        assertThat(browser.findElements(By.cssSelector("#appointment-" + reference + " button"))).isEmpty();
    }

    /** Sets a datetime-local field as the browser would after the operator picked the time. */
    private void setValue(String id, Instant instant) {
        String local = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
                .format(instant.truncatedTo(ChronoUnit.MINUTES).atZone(ZoneId.of("Europe/Berlin")));
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]",
                browser.findElement(By.id(id)), local);
    }

    /** Leaves the page by clicking {@code target}; returns once the next page has loaded. */
    private void toNextPage(By target) {
        HeadlessChromium.clickToNextPage(browser, target, Duration.ofSeconds(30));
    }
}
