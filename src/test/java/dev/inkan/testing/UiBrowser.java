package dev.inkan.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser's view of the web UI over plain HTTP (nodes with INKAN_TLS=off, or nginx in front of them): one
 * session cookie, carried by hand to whichever port the test names, so a test decides which node gets
 * each request. Redirects are not followed.
 */
public final class UiBrowser {

    public static final String COOKIE = "JSESSIONID";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private String session;

    /** Logs in as admin with the token as password on {@code port}; the session cookie is kept. */
    public void logIn(int port, String token) throws IOException, InterruptedException {
        String csrf = csrfToken(port, "/login");
        HttpResponse<String> login = postForm(port, "/login", "username=admin&password=" + encode(token) + "&_csrf=" + encode(csrf));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).as("logged in").doesNotContain("error").doesNotEndWith("/login");
    }

    /** The CSRF token of the form on {@code path}. */
    public String csrfToken(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> page = get(port, path);
        assertThat(page.statusCode()).as(path).isEqualTo(200);
        Matcher token = CSRF.matcher(page.body());
        assertThat(token.find()).as("a CSRF token in " + path).isTrue();
        return token.group(1);
    }

    public HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(port, path)).GET());
    }

    public HttpResponse<String> postForm(int port, String path, String form) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(port, path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** The session cookie's value as the service set it. */
    public String sessionCookie() {
        return session;
    }

    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (session != null) {
            request.header("Cookie", COOKIE + "=" + session);
        }
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        for (String cookie : response.headers().allValues("Set-Cookie")) {
            if (cookie.startsWith(COOKIE + "=")) {
                String value = cookie.substring(COOKIE.length() + 1).split(";", 2)[0];
                session = value.isEmpty() ? null : value;
            }
        }
        return response;
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
