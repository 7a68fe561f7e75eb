package dev.inkan.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.engine.CaSpec;
import dev.inkan.engine.CertificateIssuer;
import dev.inkan.engine.CertificateProfile;
import dev.inkan.engine.KeyType;
import dev.inkan.engine.LeafSpec;
import dev.inkan.engine.Pem;
import dev.inkan.engine.SigningRequest;
import dev.inkan.testing.ApiClient;
import dev.inkan.testing.RunningService;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The auth matrix: every API endpoint called with no token, a wrong token and the admin token.
 * Without the right token each answers 401 problem+json with {@code WWW-Authenticate: Bearer} and
 * changes nothing; with it, the endpoint's own success status.
 */
class ApiAuthenticationTests extends RunningService {

    /** One endpoint and the status it answers the admin. {@code {cert}} is a certificate made for the call, {@code {ca}} the default CA. */
    record Endpoint(String method, String path, String contentType, String body, int status) {
        @Override
        public String toString() {
            return method + " " + path + (contentType != null && contentType.contains("pkcs10") ? " (pkcs10)" : "");
        }
    }

    enum Credential { NONE, WRONG, ADMIN }

    static List<Endpoint> endpoints() {
        KeyPair key = KeyType.EC_P256.generate();
        String csr = Pem.encode(SigningRequest.create(key, LeafSpec.of("matrix.test", List.of(), List.of(), CertificateProfile.SERVER, 30)));
        KeyPair caKey = KeyType.EC_P256.generate();
        String caPem = Pem.encode(CertificateIssuer.selfSignedRoot(CaSpec.root("Matrix Import " + System.nanoTime(), 100), caKey, Instant.now()));
        String json = "application/json";
        return List.of(
                new Endpoint("GET", "/api/v1/cas", null, null, 200),
                new Endpoint("POST", "/api/v1/cas", json, "{\"name\":\"Matrix CA\"}", 201),
                new Endpoint("POST", "/api/v1/cas/import", json, "{\"certificatePem\":" + ApiClient.quote(caPem) + ",\"privateKeyPem\":"
                        + ApiClient.quote(Pem.encode(caKey.getPrivate())) + "}", 201),
                new Endpoint("GET", "/api/v1/cas/{ca}", null, null, 200),
                new Endpoint("GET", "/api/v1/cas/{ca}/certificate", null, null, 200),
                new Endpoint("POST", "/api/v1/certificates", json, "{\"dnsNames\":[\"matrix.test\"]}", 201),
                new Endpoint("POST", "/api/v1/certificates/csr", json, "{\"csr\":" + ApiClient.quote(csr) + "}", 201),
                new Endpoint("POST", "/api/v1/certificates/csr", "application/pkcs10", csr, 201),
                new Endpoint("GET", "/api/v1/certificates", null, null, 200),
                new Endpoint("GET", "/api/v1/certificates/{cert}", null, null, 200),
                new Endpoint("GET", "/api/v1/certificates/{cert}/cert.pem", null, null, 200),
                new Endpoint("GET", "/api/v1/certificates/{cert}/chain.pem", null, null, 200),
                new Endpoint("GET", "/api/v1/certificates/{cert}/fullchain.pem", null, null, 200),
                new Endpoint("GET", "/api/v1/certificates/{cert}/key.pem", null, null, 200),
                new Endpoint("POST", "/api/v1/certificates/{cert}/pkcs12", json, "{\"password\":\"secret\"}", 200),
                new Endpoint("POST", "/api/v1/certificates/{cert}/revoke", json, "{\"reason\":\"superseded\"}", 200),
                new Endpoint("DELETE", "/api/v1/certificates/{cert}/key", null, null, 204));
    }

    static List<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            for (Credential credential : Credential.values()) {
                cases.add(Arguments.of(endpoint, credential));
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} with {1} token")
    @MethodSource("matrix")
    void everyApiEndpointNeedsTheAdminToken(Endpoint endpoint, Credential credential) {
        String cert = api().post("/api/v1/certificates", "{\"dnsNames\":[\"matrix-target.test\"]}").json().path("id").asString();
        String ca = api().get("/api/v1/cas").json().get(0).path("id").asString();
        String path = endpoint.path().replace("{cert}", cert).replace("{ca}", ca);
        ApiClient client = switch (credential) {
            case NONE -> anonymous();
            case WRONG -> api().withToken("not-the-token");
            case ADMIN -> api();
        };
        String before = databaseState();

        ApiClient.Response response = client.send(endpoint.method(), path, endpoint.contentType(),
                endpoint.body() == null ? null : endpoint.body().getBytes(StandardCharsets.UTF_8));

        if (credential == Credential.ADMIN) {
            assertThat(response.status()).as(response.toString()).isEqualTo(endpoint.status());
            return;
        }
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("detail").asString()).contains("Authorization: Bearer");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        if (credential == Credential.WRONG) {
            assertThat(response.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
        }
        assertThat(databaseState()).isEqualTo(before);
    }

    @Test
    void basicAuthenticationWithTheTokenIsNotAccepted() {
        String basic = java.util.Base64.getEncoder().encodeToString(("admin:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(api().base() + "/api/v1/cas"))
                .header("Authorization", "Basic " + basic).build();
        int status = send(request).statusCode();
        assertThat(status).isEqualTo(401);
    }

    @Test
    void caPemHealthAndApiDocsNeedNoToken() {
        assertThat(anonymous().get("/ca.pem").status()).isEqualTo(200);
        assertThat(anonymous().get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous().get("/v3/api-docs").status()).isEqualTo(200);
    }

    private static java.net.http.HttpResponse<String> send(java.net.http.HttpRequest request) {
        try {
            return dev.inkan.testing.TrustedCas.httpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
