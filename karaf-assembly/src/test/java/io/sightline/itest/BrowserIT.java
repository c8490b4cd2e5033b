package io.sightline.itest;

import static io.sightline.itest.Chromium.WAIT;
import static io.sightline.itest.Chromium.screenshot;
import static io.sightline.itest.Chromium.testId;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The real distribution, cold-started with {@code bin/start} from the built tarball, driven by
 * headless Chromium: the login page, the HTTP-to-HTTPS redirect, form errors, security headers and
 * the files and secrets of the first start. A missing Chromium fails these tests; it never skips them.
 */
public class BrowserIT {


    /** Records CSP violations from the first script on every page, before the app's own code runs. */
    private static final String CSP_LISTENER = "window.__cspViolations = [];"
            + "document.addEventListener('securitypolicyviolation', function (e) {"
            + "  window.__cspViolations.push(e.violatedDirective + ' blocked ' + e.blockedURI);"
            + "});";

    private static Distribution server;
    private static ChromeDriver sharedDriver;
    private static final Chromium browsers = new Chromium();

    @BeforeClass
    public static void startServer() throws Exception {
        server = Distribution.unpackFresh("browser-it");
        System.out.println("BrowserIT: " + server);
        Duration boot = server.startAndAwaitHealthy(Duration.ofSeconds(90));
        System.out.println(String.format(Locale.ROOT, "COLD BOOT: health 200 after %.2f s", boot.toMillis() / 1000.0));
        assertTrue("Cold boot took " + boot.toSeconds() + " s, more than the 60 s sanity bound",
                boot.compareTo(Duration.ofSeconds(60)) < 0);
    }

    @AfterClass
    public static void stopServer() throws Exception {
        browsers.close();
        if (server != null) {
            server.stop(Duration.ofSeconds(60));
            System.out.println("BrowserIT: kept " + server.home + " for inspection");
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    public void loginPageRendersWithLabelledFields() throws IOException {
        WebDriver driver = browser();
        openLogin(driver);
        assertEquals("Sightline", driver.getTitle());
        for (String testId : List.of("login-email", "login-password")) {
            WebElement input = driver.findElement(testId(testId));
            assertEquals("input", input.getTagName());
            assertFalse(testId + " has no accessible label (<label for> or aria-label)",
                    accessibleLabel(driver, input).isBlank());
        }
        assertTrue(driver.findElement(testId("login-submit")).isDisplayed());
        screenshot(driver, "login.png");
    }

    @Test
    public void plainHttpEndsOnHttps() {
        // A fresh profile, so that the server's redirect is followed: nothing cached by earlier
        // visits (a 308 is cacheable, HSTS could rewrite the scheme) may answer in its place.
        WebDriver driver = newBrowser();
        driver.get(server.httpBase() + "/login");
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(testId("login-form")));
        String url = driver.getCurrentUrl();
        assertTrue("Plain HTTP ended on " + url, url.startsWith(server.httpsBase() + "/login"));
    }

    @Test
    public void wrongCredentialsShowFormErrorInPlainWords() throws IOException {
        WebDriver driver = browser();
        openLogin(driver);
        driver.findElement(testId("login-email")).sendKeys("someone@example.com");
        driver.findElement(testId("login-password")).sendKeys("a-password-of-sorts");
        driver.findElement(testId("login-submit")).click();

        WebElement error = new WebDriverWait(driver, WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(testId("login-error")));
        String message = error.getText();
        // An unknown email gets the server's one message for every failed sign-in.
        assertTrue("Form error not in plain words: " + message,
                message.toLowerCase(Locale.ROOT).contains("email or password is wrong"));
        String page = driver.getPageSource();
        assertFalse("The page shows an exception: " + message, page.contains("Exception"));
        assertFalse("The page shows a stack trace: " + message, page.contains("at io."));
        screenshot(driver, "login-error.png");
    }

    @Test
    public void emptyEmailMarksTheEmailFieldInvalid() throws IOException {
        WebDriver driver = browser();
        openLogin(driver);
        driver.findElement(testId("login-password")).sendKeys("a-password-of-sorts");
        driver.findElement(testId("login-submit")).click();

        WebElement email = driver.findElement(testId("login-email"));
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.attributeToBe(email, "aria-invalid", "true"));
        // The message sits next to the field and is tied to it for screen readers.
        String describedBy = email.getDomAttribute("aria-describedby");
        assertNotNull("The invalid email field points to no error message", describedBy);
        WebElement message = driver.findElement(By.id(describedBy));
        assertTrue(message.isDisplayed());
        assertFalse(message.getText().isBlank());
        assertTrue("No form-level error for a field mistake",
                driver.findElements(testId("login-error")).isEmpty());
        screenshot(driver, "login-invalid.png");
    }

    @Test
    public void securityHeadersAndNoCspViolationInTheBrowser() throws Exception {
        HttpResponse<String> response = server.get("/login");
        assertEquals(200, response.statusCode());
        assertTrue("No Strict-Transport-Security on /login",
                response.headers().firstValue("Strict-Transport-Security").isPresent());
        String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue("CSP lacks frame-ancestors 'none': " + csp, csp.contains("frame-ancestors 'none'"));
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(null));

        // Load the app and make it call the API too (connect-src), then look for violations.
        ChromeDriver driver = browser();
        openLogin(driver);
        driver.findElement(testId("login-email")).sendKeys("someone@example.com");
        driver.findElement(testId("login-password")).sendKeys("a-password-of-sorts");
        driver.findElement(testId("login-submit")).click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(testId("login-error")));

        Object violations = ((JavascriptExecutor) driver).executeScript("return window.__cspViolations;");
        assertNotNull("The CSP listener was not installed in the page", violations);
        assertEquals("CSP violations reported by the page", List.of(), violations);

        List<String> cspMessages = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
                .collect(Collectors.toList());
        assertEquals("CSP messages on the browser console", List.of(), cspMessages);
    }

    @Test
    public void firstStartFilesAreOwnerOnlyAndSecretsStayOutOfTheLog() throws Exception {
        for (String file : List.of("etc/sightline-tls.p12", "etc/keys/platform-db.key",
                "etc/keys/console-admin.password")) {
            Path path = server.home.resolve(file);
            assertTrue(file + " was not created on first start", Files.isRegularFile(path));
            assertEquals(file + " permissions", "rw-------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        }

        // Make the server do some work worth logging before reading the log.
        assertEquals(200, server.get("/api/health").statusCode());
        assertEquals(200, server.get("/login").statusCode());
        server.postJson("/api/auth/login", "{\"email\":\"someone@example.com\",\"password\":\"x\"}");
        server.get("/api/no-such-route");

        Map<String, String> secrets = Map.of(
                "the Derby boot password", read("etc/keys/platform-db.key"),
                "the TLS keystore password", server.tlsPassword(),
                "the console admin password", read("etc/keys/console-admin.password"));
        Path karafLog = server.home.resolve("data/log/karaf.log");
        assertTrue("No data/log/karaf.log", Files.isRegularFile(karafLog) && Files.size(karafLog) > 0);
        List<Path> logs = new ArrayList<>();
        try (Stream<Path> files = Files.list(server.home.resolve("data/log"))) {
            files.filter(Files::isRegularFile).forEach(logs::add);
        }
        logs.add(server.home.resolve("karaf.out"));
        for (Path log : logs) {
            if (!Files.isRegularFile(log)) {
                continue;
            }
            String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
            secrets.forEach((what, secret) -> {
                assertTrue(what + " is too short to search for", secret.length() >= 16);
                assertFalse(what + " appears in " + server.home.relativize(log), text.contains(secret));
            });
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static String read(String file) throws IOException {
        return Files.readString(server.home.resolve(file), StandardCharsets.UTF_8).trim();
    }

    private static void openLogin(WebDriver driver) {
        driver.get(server.httpsBase() + "/login");
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(testId("login-form")));
    }

    /** The text of the input's {@code <label>}s, else its aria-label. */
    private static String accessibleLabel(WebDriver driver, WebElement input) {
        Object labels = ((JavascriptExecutor) driver).executeScript(
                "return Array.from(arguments[0].labels || []).map(function (l) { return l.textContent; }).join(' ');",
                input);
        String text = labels == null ? "" : labels.toString().trim();
        if (text.isEmpty()) {
            String ariaLabel = input.getDomAttribute("aria-label");
            text = ariaLabel == null ? "" : ariaLabel.trim();
        }
        return text;
    }

    /** The browser most tests share (one per class). */
    private static synchronized ChromeDriver browser() {
        if (sharedDriver == null) {
            sharedDriver = newBrowser();
        }
        return sharedDriver;
    }

    /** A fresh browser that records CSP violations from the first script of every page. */
    private static ChromeDriver newBrowser() {
        try {
            ChromeDriver driver = browsers.open();
            driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", CSP_LISTENER));
            return driver;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
