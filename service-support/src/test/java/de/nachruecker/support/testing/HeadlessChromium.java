package de.nachruecker.support.testing;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * Debian's Chromium, headless, for the browser tests: a fresh profile under the given folder (so nothing is left
 * outside {@code target/}), German as the browser language, and no background networking, which this machine's closed
 * network would refuse.
 */
public final class HeadlessChromium {

    private HeadlessChromium() {
    }

    public static WebDriver start(Path workDir, Duration implicitWait) throws IOException {
        Files.createDirectories(workDir);
        Path profile = Files.createTempDirectory(workDir, "chromium-");
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium")
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--lang=de", "--user-data-dir=" + profile.toAbsolutePath());
        WebDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).build(), options);
        browser.manage().timeouts().implicitlyWait(implicitWait);
        return browser;
    }

    /**
     * Clicks what leaves the page (a link, a form's button) and returns once the next page has loaded. A click does not
     * wait for the navigation, so an element looked up right after it can still belong to the page being left and go
     * stale while it is read (an {@code h1}, a flash message: ids both pages have).
     */
    public static void clickToNextPage(WebDriver browser, By target, Duration bound) {
        JavascriptExecutor script = (JavascriptExecutor) browser;
        script.executeScript("window.nachrueckerPageLeft = true");
        browser.findElement(target).click();
        // while the old page unloads, a script may find no document to run in
        await("the page after clicking " + target).atMost(bound).pollInterval(Duration.ofMillis(50))
                .ignoreException(WebDriverException.class)
                .until(() -> Boolean.TRUE.equals(script.executeScript(
                        "return window.nachrueckerPageLeft === undefined && document.readyState === 'complete'")));
    }

    /**
     * With {@code -Dscreenshots.dir=DIR}: saves the page as a phone (390x844) and a desktop (1280x900) show it, as
     * {@code DIR/<name>-390.png} and {@code -1280.png}, for a person to look at; without it nothing happens.
     */
    public static void screenshot(WebDriver browser, String name) {
        String dir = System.getProperty("screenshots.dir");
        if (dir == null) {
            return;
        }
        try {
            for (Dimension size : List.of(new Dimension(390, 844), new Dimension(1280, 900))) {
                browser.manage().window().setSize(size);
                Path file = Path.of(dir, name + "-" + size.getWidth() + ".png");
                Files.createDirectories(file.getParent());
                Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
