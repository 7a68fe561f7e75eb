package dev.inkan.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver with the flags of TESTING.md and a
 * fresh profile and HOME. Fails (never skips) when either program is missing. Adds what Selenium
 * alone lacks: waiting for a navigation, full-page and phone-width screenshots (Chrome DevTools), and
 * an accessibility check of the page with axe-core.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final String AXE_SOURCE = axeSource();

    private final ChromeDriverService service;
    private final ChromeDriver driver;

    /** Chromium whose $HOME/.pki/nssdb trusts {@code caPem} (and nothing else of Inkan's), as the NSS helper leaves it. */
    HeadlessChromium(String caPem) throws IOException {
        Path chromedriver = Tools.require("/usr/bin/chromedriver");
        Path chromium = Tools.require("/usr/bin/chromium");
        Path home = Files.createTempDirectory("inkan-ui-home");
        trust(home, caPem);
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of("HOME", home.toString()))
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000",
                "--user-data-dir=" + Files.createTempDirectory("inkan-ui-profile"));
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    }

    /** axe.min.js of the org.webjars.npm:axe-core test dependency, whatever version pom.xml pins. */
    private static String axeSource() {
        ClassLoader loader = HeadlessChromium.class.getClassLoader();
        try (var pom = loader.getResourceAsStream("META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
            if (pom == null) {
                throw new AssertionError("axe-core is not on the test class path; see pom.xml axe-core.version");
            }
            var properties = new java.util.Properties();
            properties.load(pom);
            try (var in = loader.getResourceAsStream("META-INF/resources/webjars/axe-core/" + properties.getProperty("version") + "/axe.min.js")) {
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code certutil -A -t C,,} into a new {@code $HOME/.pki/nssdb}, where Chromium on Linux reads its trust. */
    private static void trust(Path home, String caPem) throws IOException {
        Tools.require("/usr/bin/certutil");
        Path db = Files.createDirectories(home.resolve(".pki/nssdb"));
        Path ca = Files.writeString(home.resolve("inkan-ca.pem"), caPem);
        for (List<String> command : List.of(List.of("certutil", "-N", "-d", "sql:" + db, "--empty-password"),
                List.of("certutil", "-A", "-d", "sql:" + db, "-t", "C,,", "-n", "Inkan test CA", "-i", ca.toString()))) {
            var result = dev.inkan.testing.Processes.run(command);
            assertThat(result.exitCode()).as(result.output()).isZero();
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Clicks and waits until the browser has left the current page (the old document goes stale). */
    void clickAndWait(WebElement element) {
        WebElement page = driver.findElement(By.tagName("html"));
        String label = element.getText();
        element.click();
        Awaitility.await("the page to change after clicking '" + label + "' at " + driver.getCurrentUrl())
                .atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(25)).until(() -> isGone(page));
    }

    private static boolean isGone(WebElement page) {
        try {
            page.getTagName();
            return false;
        } catch (WebDriverException gone) {
            // Stale element, or "Node ... does not belong to the document": the old page is gone.
            return true;
        }
    }

    /**
     * Runs axe-core (Deque's accessibility engine, from its webjar) in the current page with the rules
     * of WCAG 2.0/2.1 levels A and AA and axe's best practices, and fails listing every violation
     * with the elements it found it on.
     */
    @SuppressWarnings("unchecked")
    void assertAccessible(String page) {
        driver.executeScript(AXE_SOURCE);
        Object result = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},"
                + " resultTypes: ['violations']})"
                + ".then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '"
                + " + v.nodes.map(n => n.target.join(' ')).join(', '))))"
                + ".catch(e => done(['axe failed: ' + e]));");
        assertThat((List<String>) result).as("axe-core violations on " + page + " (" + driver.getCurrentUrl() + ")").isEmpty();
    }

    /** Sets a long value (a PEM) at once, as a paste would. */
    void setValue(String id, String value) {
        driver.executeScript("document.getElementById(arguments[0]).value = arguments[1];", id, value);
    }

    String sessionCookie() {
        return "JSESSIONID=" + driver.manage().getCookieNamed("JSESSIONID").getValue();
    }

    /** A PNG of the whole page, not just the window (DevTools' captureBeyondViewport), in target/screenshots/. */
    @SuppressWarnings("unchecked")
    void screenshot(String name) throws IOException {
        Path dir = Files.createDirectories(Tools.buildDir().resolve("screenshots"));
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> viewport = (Map<String, Object>) metrics.get("cssLayoutViewport");
        Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "scale", 1,
                        "width", ((Number) viewport.get("clientWidth")).doubleValue(),
                        "height", ((Number) content.get("height")).doubleValue())));
        Files.write(dir.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
    }

    /** The page as a 390 px wide phone shows it (DevTools device emulation), checked for sideways overflow. */
    void phoneScreenshot(String name) throws IOException {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        try {
            // Content of a box that scrolls sideways on its own (a command's <pre>, a table) does not count.
            Object wider = driver.executeScript("return [...document.querySelectorAll('body *')]"
                    + ".filter(e => !e.parentElement.closest('pre, .table-wrap'))"
                    + ".filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
                    + ".slice(0, 8).map(e => e.tagName + '.' + e.className + ' right=' + e.getBoundingClientRect().right"
                    + " + ' of ' + document.documentElement.clientWidth);");
            assertThat((List<?>) wider).as("elements wider than a phone screen").isEmpty();
            screenshot(name);
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Override
    public void close() {
        driver.quit();
        service.stop();
    }
}
