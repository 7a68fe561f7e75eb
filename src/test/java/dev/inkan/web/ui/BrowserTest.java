package dev.inkan.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.testing.RunningService;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The running service in one headless Chromium per class, which trusts the service's CA: the login every
 * browser test does, page addresses, and a form posted with the browser's session and CSRF token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTest extends RunningService {

    HeadlessChromium chromium;
    WebDriver browser;

    @BeforeAll
    void startChromium() throws IOException {
        chromium = new HeadlessChromium(anonymous().get("/ca.pem").text());
        browser = chromium.driver();
    }

    @AfterAll
    void stopChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }

    String url(String path) {
        return "https://127.0.0.1:" + port + path;
    }

    void open(String path) {
        browser.get(url(path));
    }

    /** Fills the login form as a user would (it offers "admin" already) and sends it. */
    void logIn(String password) {
        open("/login");
        WebElement user = browser.findElement(By.id("username"));
        user.clear();
        user.sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(password);
        chromium.clickAndWait(browser.findElement(By.cssSelector("main form button[type=submit]")));
    }

    /** Logs in with the admin token unless this browser is logged in already, and checks it worked. */
    void logInOnce() {
        open("/");
        if (browser.getCurrentUrl().contains("/login")) {
            logIn(TOKEN);
        }
        assertThat(browser.getCurrentUrl()).as("logged in").doesNotContain("/login");
    }

    /** POSTs a form to {@code url} with the browser's session cookie and the CSRF token of the form at {@code csrfForm} on the page shown. */
    HttpResponse<byte[]> postInSession(String url, String csrfForm, String form) throws IOException, InterruptedException {
        String csrf = browser.findElement(By.cssSelector(csrfForm + " input[name=_csrf]")).getDomProperty("value");
        return dev.inkan.testing.TrustedCas.httpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Cookie", chromium.sessionCookie()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
