package dev.inkan.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.inkan.testing.ApiClient;
import dev.inkan.testing.RunningService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The Notifications page in headless Chromium: a subscription made through its form (CSRF token and all), listed, its
 * secret shown once and proved by the signature of a "send test" that a real receiver gets; user-typed URLs inert.
 */
class NotificationsPageBrowserTests extends BrowserTest {

    /** One request as the receiver got it. */
    private record Received(String signature, byte[] body) {}

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestHeaders().getFirst("X-Inkan-Signature"), exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void aSubscriptionMadeInTheFormIsListedItsSecretShownOnceAndItsTestDeliverySignedWithIt() throws Exception {
        String path = "/hooks/" + UUID.randomUUID().toString().substring(0, 8) + "?team=ops&note='quoted'";
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
        logInOnce();
        chromium.clickAndWait(browser.findElement(By.linkText("Notifications")));
        assertThat(browser.getCurrentUrl()).endsWith("/webhooks");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Notifications");
        assertThat(browser.findElement(By.cssSelector("form[action$='/webhooks'] input[name=_csrf]")).getDomProperty("value"))
                .as("the form carries Spring Security's CSRF token").isNotBlank();

        browser.findElement(By.id("url")).sendKeys(url);
        browser.findElement(By.cssSelector("input[name=events][value='certificate.issued']")).click();
        browser.findElement(By.cssSelector("input[name=events][value='certificate.revoked']")).click();
        chromium.setValue("expiringWithinDays", "14");
        chromium.clickAndWait(browser.findElement(By.cssSelector("form[action$='/webhooks'] button[type=submit]")));

        String secret = browser.findElement(By.id("created-secret")).getText();
        assertThat(secret).matches("[0-9a-f]{64}");
        WebElement card = subscriptionCard(url);
        assertThat(card.getText()).contains("certificate.issued, certificate.revoked", "within 14 days");
        chromium.assertAccessible("the Notifications page with a new subscription");

        chromium.clickAndWait(card.findElement(By.cssSelector("form[action$='/test'] button")));
        assertThat(browser.findElement(By.id("tested")).getText()).contains("DELIVERED", "HTTP 204");
        assertThat(received).hasSize(1);
        Received test = received.get(0);
        assertThat(new String(test.body(), StandardCharsets.UTF_8)).contains("\"type\":\"webhook.test\"");
        // the receiver's check, with the secret the page showed: v1 = hex HMAC-SHA256(secret, "<t>.<body>")
        String t = test.signature().replaceAll(".*t=(\\d+).*", "$1");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
        assertThat(test.signature()).contains("v1=" + HexFormat.of().formatHex(mac.doFinal(test.body())));
        assertThat(subscriptionCard(url).getText()).contains("webhook.test", "DELIVERED");

        // shown once: neither a reload nor the API shows the secret again
        browser.get(url("/webhooks"));
        assertThat(browser.findElements(By.id("created-secret"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain(secret);
        assertThat(api().get("/api/v1/webhooks").text()).contains(path.substring(0, 14)).doesNotContain(secret);
    }

    @Test
    void markupTypedIntoTheUrlIsShownAsTextAndNothingIsSaved() throws Exception {
        logInOnce();
        browser.get(url("/webhooks"));
        int before = api().get("/api/v1/webhooks").json().size();
        String hostile = "mailto:<img src=x onerror=window.pwned=1>@x.test";
        browser.findElement(By.id("url")).sendKeys(hostile);
        browser.findElement(By.cssSelector("input[name=events][value='certificate.expired']")).click();
        chromium.clickAndWait(browser.findElement(By.cssSelector("form[action$='/webhooks'] button[type=submit]")));

        assertThat(browser.findElement(By.id("form-error")).getText()).contains("<img src=x onerror=window.pwned=1>", "is not an e-mail address");
        assertThat(browser.findElement(By.id("url")).getDomProperty("value")).isEqualTo(hostile);
        assertThat(browser.findElements(By.cssSelector("main img"))).isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.pwned === undefined")).isEqualTo(true);
        assertThat(api().get("/api/v1/webhooks").json().size()).isEqualTo(before);
        chromium.assertAccessible("the Notifications page with a refused subscription");
    }

    private WebElement subscriptionCard(String url) {
        return browser.findElements(By.cssSelector("main section.card")).stream()
                .filter(section -> section.findElement(By.tagName("h2")).getText().equals(url)).findFirst()
                .orElseThrow(() -> new AssertionError("no subscription card for " + url + " in " + browser.getPageSource()));
    }
}
