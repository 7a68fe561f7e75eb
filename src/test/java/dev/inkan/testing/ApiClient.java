package dev.inkan.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API as curl drives it: JSON in, JSON or files out, with or without a bearer token. Over
 * HTTPS to {@code https://127.0.0.1:PORT}, trusting only {@link TrustedCas} (the services' own CAs),
 * as {@code curl --cacert ca.pem} does; {@link #plain} talks plain HTTP to the bootstrap port.
 */
public final class ApiClient {

    /** A response: status, content type, raw body. */
    public record Response(int status, String contentType, byte[] body, java.net.http.HttpHeaders headers) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + text();
        }
    }

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .sslContext(TrustedCas.sslContext()).connectTimeout(Duration.ofSeconds(10)).build();

    private final String base;
    private final String token;

    /** HTTPS on {@code port} of 127.0.0.1 (the service's CA must be in {@link TrustedCas}). */
    public ApiClient(int port, String token) {
        this("https://127.0.0.1:" + port, token);
    }

    private ApiClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** Plain HTTP on {@code port} of 127.0.0.1: the bootstrap port, or the only one with INKAN_TLS=off. */
    public static ApiClient plain(int port, String token) {
        return new ApiClient("http://127.0.0.1:" + port, token);
    }

    /** HTTPS to a service started by the test itself: trusts its default CA and uses its HTTPS port. */
    public static ApiClient of(org.springframework.context.ApplicationContext service, String token) {
        TrustedCas.add(service.getBean(dev.inkan.authority.CertificateAuthorityService.class).defaultAuthority().certificatePem());
        return new ApiClient(Integer.parseInt(service.getEnvironment().getProperty("local.server.port")), token);
    }

    public String base() {
        return base;
    }

    public ApiClient withToken(String other) {
        return new ApiClient(base, other);
    }

    public Response get(String path) {
        return send("GET", path, null, null);
    }

    public Response post(String path, String json) {
        return send("POST", path, "application/json", json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    public Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Response send(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return send(request, contentType);
    }

    /** A body without Content-Length (chunked), as a streaming client sends it. */
    public Response postChunked(String path, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)));
        return send(request, contentType);
    }

    private Response send(HttpRequest.Builder request, String contentType) {
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(),
                    response.headers());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A JSON string literal. */
    public static String quote(String text) {
        return JSON.writeValueAsString(text);
    }
}
