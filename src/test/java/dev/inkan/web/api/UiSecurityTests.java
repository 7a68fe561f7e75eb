package dev.inkan.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.testing.RunningService;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The web UI's security chain, which the UI pages inherit: form login at /login as {@code admin}
 * with the admin token as password, a session cookie, CSRF on every form, public /login, /ca.pem,
 * /install/** and health; and a UI session never opens the bearer-only API.
 */
class UiSecurityTests extends RunningService {

    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .sslContext(dev.inkan.testing.TrustedCas.sslContext()).followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> get(String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postForm(String path, String form) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String csrfToken() throws Exception {
        HttpResponse<String> login = get("/login");
        assertThat(login.statusCode()).isEqualTo(200);
        Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(login.body());
        assertThat(token.find()).as(login.body()).isTrue();
        return token.group(1);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void aLoggedOutUserIsSentToLogin() throws Exception {
        HttpResponse<String> home = get("/");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    @Test
    void adminLogsInWithTheTokenAsPasswordAndLogsOut() throws Exception {
        String csrf = csrfToken();
        HttpResponse<String> login = postForm("/login", "username=admin&password=" + encode(TOKEN) + "&_csrf=" + encode(csrf));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");

        assertThat(get("/").headers().firstValue("Location").orElse("")).doesNotEndWith("/login");
        HttpResponse<String> missing = get("/no-such-page");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElse("")).as("UI errors are not API problem+json")
                .doesNotContain("problem+json");
        assertThat(get("/api/v1/cas").statusCode()).as("a UI session does not open the API").isEqualTo(401);

        HttpResponse<String> logout = postForm("/logout", "_csrf=" + encode(csrfToken()));
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(get("/").headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    @Test
    void aWrongPasswordOrUserIsRefused() throws Exception {
        HttpResponse<String> wrong = postForm("/login", "username=admin&password=nope&_csrf=" + encode(csrfToken()));
        assertThat(wrong.headers().firstValue("Location").orElse("")).endsWith("/login?error");
        HttpResponse<String> user = postForm("/login", "username=root&password=" + encode(TOKEN) + "&_csrf=" + encode(csrfToken()));
        assertThat(user.headers().firstValue("Location").orElse("")).endsWith("/login?error");
    }

    @Test
    void aFormPostWithoutTheCsrfTokenIsRefused() throws Exception {
        csrfToken();
        HttpResponse<String> login = postForm("/login", "username=admin&password=" + encode(TOKEN));
        assertThat(login.statusCode()).isEqualTo(403);
    }

    @Test
    void trustPagesAndHealthArePublic() throws Exception {
        assertThat(get("/ca.pem").statusCode()).isEqualTo(200);
        assertThat(get("/install/linux.sh").statusCode()).as("public: no redirect to login").isNotEqualTo(302);
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
    }
}
