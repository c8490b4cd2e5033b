package io.sightline.itest;

import static io.sightline.itest.Chromium.WAIT;
import static io.sightline.itest.Chromium.click;
import static io.sightline.itest.Chromium.screenshot;
import static io.sightline.itest.Chromium.testId;
import static io.sightline.itest.Chromium.type;
import static io.sightline.itest.Chromium.visible;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A newcomer's first five minutes on a fresh distribution, in Chromium (SPEC A-10, P-9, U-5): the
 * setup link from the log, the first Owner, the demo dashboard with every tile drawn from the demo
 * data, and a period change that recomputes the tiles. Screenshots of each step under
 * target/screenshots.
 */
public class FirstRunIT {
    private static ApiClient api;
    private static final Chromium browsers = new Chromium();

    @BeforeClass
    public static void start() throws Exception {
        api = ApiClient.start("first-run-it");
    }

    @AfterClass
    public static void stop() throws Exception {
        browsers.close();
        if (api != null) {
            api.stop();
        }
    }

    @Test
    public void fromTheSetupLinkToTheDemoDashboard() throws Exception {
        String token = api.server.setupToken(); // printed once, in the console and the log
        ChromeDriver browser = browsers.open();
        browser.get(api.server.httpsBase() + "/setup?token=" + token);
        assertEquals(token, visible(browser, "setup-token").getAttribute("value"));
        type(browser, "setup-email", ApiClient.newEmail("nina"));
        type(browser, "setup-name", "Nina");
        type(browser, "setup-password", ApiClient.PASSWORD);
        type(browser, "setup-org", "Nina's team");
        screenshot(browser, "first-run-01-setup.png");
        click(browser, "setup-submit");

        // The demo database and dashboard are written in the background once the Owner exists.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try {
                new WebDriverWait(browser, java.time.Duration.ofSeconds(10))
                        .until(d -> d.getCurrentUrl().matches(".*/dashboards/[0-9a-f-]{36}$"));
                break;
            } catch (org.openqa.selenium.TimeoutException notYet) {
                if (System.nanoTime() > deadline) {
                    screenshot(browser, "first-run-no-dashboard.png");
                    throw new AssertionError("no demo dashboard within 120 s; at " + browser.getCurrentUrl() + ": "
                            + browser.findElement(org.openqa.selenium.By.tagName("main")).getText(), notYet);
                }
                browser.get(api.server.httpsBase() + "/"); // look again, as a user would reload
            }
        }
        awaitTilesRendered(browser);
        assertEquals("Demo sales", visible(browser, "page-title").getText());
        String total = visible(browser, "big-number-value").getText();
        screenshot(browser, "first-run-02-demo-dashboard.png");

        new Select(visible(browser, "dash-filter-period-relative")).selectByValue("last 90 days");
        new WebDriverWait(browser, WAIT.multipliedBy(3))
                .until(d -> !d.findElement(testId("big-number-value")).getText().equals(total));
        awaitTilesRendered(browser);
        screenshot(browser, "first-run-03-last-90-days.png");
    }

    /** Six tiles, each finished (cached or fresh) and none in error. */
    private static void awaitTilesRendered(ChromeDriver browser) throws Exception {
        try {
            new WebDriverWait(browser, WAIT.multipliedBy(3)).until(d -> {
                List<WebElement> statuses = d.findElements(testId("tile-status"));
                return statuses.size() == 6 && statuses.stream().allMatch(s -> s.getText().matches("(?s).*(cached|fresh).*"));
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot(browser, "first-run-tiles-not-rendered.png");
            throw new AssertionError("tiles not rendered: " + browser.findElements(testId("tile")).stream()
                    .map(WebElement::getText).toList(), e);
        }
        List<WebElement> errors = browser.findElements(testId("tile-error"));
        assertTrue(errors.isEmpty() ? "" : errors.get(0).getText(), errors.isEmpty());
    }
}
