package io.sightline.itest;

import static org.junit.Assert.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The headless Chromium browsers of one test class: Debian's chromium driven by its chromedriver,
 * offline, each with a fresh profile (so a fresh sessionStorage). {@link #close()} quits them all and
 * deletes their profiles. Missing Chromium fails the test; it never skips it.
 */
final class Chromium implements AutoCloseable {
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    private final List<ChromeDriver> drivers = new ArrayList<>();
    private final List<Path> profiles = new ArrayList<>();

    synchronized ChromeDriver open() throws IOException {
        if (!CHROMIUM.canExecute() || !CHROMEDRIVER.canExecute()) {
            fail("Browser tests need Chromium at " + CHROMIUM + " and chromedriver at " + CHROMEDRIVER
                    + " (Debian packages chromium and chromium-driver); they fail rather than skip without them");
        }
        // Never let Selenium Manager look for (or download) a driver or browser.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.getPath());
        System.setProperty("SE_OFFLINE", "true");
        Path profile = Files.createTempDirectory("sightline-browser-");
        profiles.add(profile);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,900", "--ignore-certificate-errors",
                "--user-data-dir=" + profile);
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        drivers.add(driver);
        return driver;
    }

    // ---- page helpers shared by the browser tests ----

    static final Duration WAIT = Duration.ofSeconds(20);

    static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    /** The element with {@code data-testid=id} once it is visible, waiting up to {@link #WAIT}. */
    static WebElement visible(WebDriver driver, String id) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(testId(id)));
    }

    static void type(WebDriver driver, String id, String text) {
        WebElement input = driver.findElement(testId(id));
        input.clear();
        input.sendKeys(text);
    }

    /** Scrolls the element to the middle of the window (clear of sticky bars) and clicks it. */
    static void click(WebDriver driver, String id) {
        WebElement element = driver.findElement(testId(id));
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    /** Signs in through the login page and waits for the application's navigation. */
    static void signIn(WebDriver driver, String base, String email, String password) {
        driver.get(base + "/login");
        visible(driver, "login-form");
        type(driver, "login-email", email);
        type(driver, "login-password", password);
        driver.findElement(testId("login-submit")).click();
        visible(driver, "main-nav");
    }

    /** Saves a PNG under target/screenshots (kept as a build artifact). */
    static void screenshot(WebDriver driver, String name) throws IOException {
        Path dir = Distribution.targetDir().resolve("screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public synchronized void close() {
        for (ChromeDriver driver : drivers) {
            try {
                driver.quit();
            } catch (RuntimeException e) {
                System.err.println("Could not quit Chromium: " + e);
            }
        }
        drivers.clear();
        for (Path profile : profiles) {
            try (Stream<Path> paths = Files.walk(profile)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("Could not delete " + profile + ": " + e);
            }
        }
        profiles.clear();
    }
}
