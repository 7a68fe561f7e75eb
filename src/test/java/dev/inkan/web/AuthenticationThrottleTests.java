package dev.inkan.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.testing.ApiClient;
import dev.inkan.testing.RunningService;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Guessing is slow: with the default limits (5 free failures per address, then a doubling window
 * from 1 s), wrong bearer tokens and wrong UI passwords get 429 problem+json with Retry-After and
 * are not checked; each checked failure is audited. Prints how many wrong guesses per second were
 * checked over 5 s (the issue measured 1,237/s tokens and 740/s logins before).
 */
@TestPropertySource(properties = {"inkan.login-throttle.per-address=5", "inkan.login-throttle.overall=50"})
class AuthenticationThrottleTests extends RunningService {

    /** A context of its own needs a data directory of its own: one process per data directory (the lock). */
    @org.springframework.test.context.DynamicPropertySource
    static void dataDirectoryOfItsOwn(org.springframework.test.context.DynamicPropertyRegistry registry) {
        RunningService.ownDataDirectory(registry);
    }


    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .sslContext(dev.inkan.testing.TrustedCas.sslContext()).followRedirects(HttpClient.Redirect.NEVER).build();

    private long audited() {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'authentication.failed' AND actor = '127.0.0.1'")
                .query(Long.class).single();
    }

    /** Waits out any window left by an earlier test, then clears this address's count with a good token. */
    private void startClean() {
        Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                .until(() -> api().get("/api/v1/cas").status() == 200);
    }

    private HttpResponse<String> login(String password) throws Exception {
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).isTrue();
        return browser.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + password + "&_csrf=" + csrf.group(1))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void wrongTokensAreCheckedFiveTimesThenAnswered429WithRetryAfterEvenForTheRightOne() {
        startClean();
        long before = audited();
        ApiClient wrong = api().withToken("guess-number-n");
        for (int i = 0; i < 6; i++) {
            assertThat(wrong.get("/api/v1/cas").status()).isEqualTo(401);
        }
        ApiClient.Response throttled = wrong.get("/api/v1/cas");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.contentType()).startsWith("application/problem+json");
        assertThat(throttled.json().path("detail").asString()).contains("try again in");
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 2L);
        assertThat(api().get("/api/v1/cas").status()).as("nothing is checked inside the window").isEqualTo(429);
        assertThat(audited() - before).isEqualTo(6);
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> api().get("/api/v1/cas").status() == 200);
    }

    @Test
    void wrongUiPasswordsAreThrottledAndAudited() throws Exception {
        startClean();
        long before = audited();
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> failed = login("wrong-" + i);
            assertThat(failed.statusCode()).isEqualTo(302);
            assertThat(failed.headers().firstValue("Location").orElse("")).endsWith("/login?error");
        }
        HttpResponse<String> throttled = login(TOKEN);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        assertThat(throttled.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(audited() - before).isEqualTo(6);
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE action = 'authentication.failed' ORDER BY id DESC LIMIT 1")
                .query(String.class).single()).contains("UI login").doesNotContain("wrong-5");
    }

    @Test
    void aGuesserGetsOnlyAFewTokensCheckedInFiveSeconds() {
        startClean();
        ApiClient wrong = api().withToken("guess");
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int checked = 0;
        int attempts = 0;
        while (System.nanoTime() < end) {
            attempts++;
            if (wrong.get("/api/v1/cas").status() != 429) {
                checked++;
            }
        }
        System.out.printf("throttle: %d of %d wrong bearer tokens checked in 5 s (%.1f/s)%n", checked, attempts, checked / 5.0);
        assertThat(checked).isBetween(6, 9);
        assertThat(attempts).isGreaterThan(checked);
    }
}
