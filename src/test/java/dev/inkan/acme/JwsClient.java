package dev.inkan.acme;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A hand-made ACME client on jose4j, for what acme4j cannot or will not send: EdDSA account keys and deliberately
 * broken JWS (alg none, HMAC, stale nonces, wrong url, jwk with kid, wrong content type).
 */
final class JwsClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().sslContext(dev.inkan.testing.TrustedCas.sslContext())
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** An answer: status, headers, body. */
    record Reply(int status, String contentType, String body, java.net.http.HttpHeaders headers) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String problemType() {
            return json().get("type").asString();
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }

    final JsonNode directory;
    final KeyPair key;
    final String alg;
    String kid;

    JwsClient(String directoryUrl, KeyPair key, String alg) {
        this.directory = get(directoryUrl).json();
        this.key = key;
        this.alg = alg;
    }

    String url(String name) {
        return directory.get(name).asString();
    }

    String nonce() {
        return send(HttpRequest.newBuilder(URI.create(url("newNonce"))).method("HEAD", HttpRequest.BodyPublishers.noBody())).header("Replay-Nonce");
    }

    Reply newAccount(String payload) {
        Reply reply = post(url("newAccount"), payload, true);
        if (reply.status() == 201 || reply.status() == 200) {
            kid = reply.header("Location");
        }
        return reply;
    }

    /** Signed with kid (or jwk when {@code withJwk}) and a fresh nonce. */
    Reply post(String url, String payload, boolean withJwk) {
        return postRaw(url, flattened(sign(header(url, nonce(), withJwk), payload)), "application/jose+json");
    }

    Map<String, Object> header(String url, String nonce, boolean withJwk) {
        var header = new java.util.LinkedHashMap<String, Object>();
        header.put("alg", alg);
        header.put("nonce", nonce);
        header.put("url", url);
        if (withJwk) {
            header.put("jwk", jwk().toParams(org.jose4j.jwk.JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        } else {
            header.put("kid", kid);
        }
        return header;
    }

    PublicJsonWebKey jwk() {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(key.getPublic());
        } catch (JoseException e) {
            throw new AssertionError(e);
        }
    }

    /** A compact JWS signed with the account key over {@code header} exactly as given. */
    String sign(Map<String, Object> header, String payload) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            header.forEach((name, value) -> {
                if (!name.equals("alg")) {
                    jws.getHeaders().setObjectHeaderValue(name, value);
                }
            });
            jws.setAlgorithmHeaderValue(String.valueOf(header.get("alg")));
            jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
            jws.setPayload(payload);
            jws.setKey(String.valueOf(header.get("alg")).startsWith("HS")
                    ? new org.jose4j.keys.HmacKey(new byte[32]) : key.getPrivate());
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new AssertionError(e);
        }
    }

    /** A compact JWS (or {@code header.payload.}) as flattened JSON. */
    static String flattened(String compact) {
        String[] parts = compact.split("\\.", -1);
        return "{\"protected\":\"" + parts[0] + "\",\"payload\":\"" + parts[1] + "\",\"signature\":\"" + parts[2] + "\"}";
    }

    static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    Reply postRaw(String url, String body, String contentType) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static Reply get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(),
                    response.headers());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
