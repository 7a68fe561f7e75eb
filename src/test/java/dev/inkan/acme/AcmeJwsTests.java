package dev.inkan.acme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.engine.CertificateProfile;
import dev.inkan.engine.KeyType;
import dev.inkan.engine.LeafSpec;
import dev.inkan.engine.SigningRequest;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Hand-made requests (jose4j) that a correct client never sends, each refused with the right ACME error type as
 * problem+json and a fresh Replay-Nonce; and the EdDSA account key that acme4j cannot use, through a whole order.
 */
@Tag("postgresql") // run again on PostgreSQL: the pom's surefire execution "postgresql"
class AcmeJwsTests extends AcmeServiceTest {

    private static final String ERROR = "urn:ietf:params:acme:error:";

    @Test
    void directoryAndNewNonceAnswerAsRfc8555Says() {
        JwsClient.Reply directory = JwsClient.get(directoryUrl());
        assertThat(directory.status()).isEqualTo(200);
        assertThat(directory.json().get("meta").get("externalAccountRequired").asBoolean()).isFalse();
        String newNonce = directory.json().get("newNonce").asString();
        JwsClient.Reply head = JwsClient.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(newNonce))
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()));
        JwsClient.Reply get = JwsClient.get(newNonce);
        assertThat(head.status()).isEqualTo(200);
        assertThat(get.status()).isEqualTo(204);
        assertThat(head.header("Replay-Nonce")).isNotBlank().isNotEqualTo(get.header("Replay-Nonce"));
        assertThat(head.header("Cache-Control")).isEqualTo("no-store");
        assertThat(head.header("Link")).endsWith("/directory>;rel=\"index\"");
    }

    @Test
    void anEd25519AccountKeyOrdersAndGetsACertificate() throws Exception {
        JwsClient client = account(KeyPairGenerator.getInstance("Ed25519").generateKeyPair(), "EdDSA");
        String order = validatedOrder(client, "eddsa.acme.test");
        JwsClient.Reply finalized = finalizeWith(client, order, "eddsa.acme.test");
        assertThat(finalized.status()).as(finalized.toString()).isEqualTo(200);
        assertThat(finalized.json().get("status").asString()).isEqualTo("valid");
        JwsClient.Reply certificate = client.post(finalized.json().get("certificate").asString(), "", false);
        assertThat(certificate.contentType()).startsWith("application/pem-certificate-chain");
        assertThat(certificate.body()).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void algNoneIsRefusedAsBadSignatureAlgorithm() throws Exception {
        JwsClient client = account(ecKey(), "ES256");
        Map<String, Object> header = client.header(client.url("newOrder"), client.nonce(), false);
        header.put("alg", "none");
        String body = "{\"protected\":\"" + JwsClient.b64(JwsClient.JSON.writeValueAsString(header)) + "\",\"payload\":\""
                + JwsClient.b64(order("none.acme.test")) + "\",\"signature\":\"\"}";
        JwsClient.Reply reply = client.postRaw(client.url("newOrder"), body, "application/jose+json");
        assertRefused(reply, 400, "badSignatureAlgorithm", (String) header.get("nonce"));
        assertThat(reply.json().get("algorithms").toString()).contains("ES256", "EdDSA").doesNotContain("HS256");
    }

    @Test
    void hmacIsRefusedAsBadSignatureAlgorithm() throws Exception {
        JwsClient client = account(ecKey(), "ES256");
        String nonce = client.nonce();
        Map<String, Object> header = client.header(client.url("newOrder"), nonce, false);
        header.put("alg", "HS256");
        JwsClient.Reply reply = client.postRaw(client.url("newOrder"), JwsClient.flattened(client.sign(header, order("hmac.acme.test"))),
                "application/jose+json");
        assertRefused(reply, 400, "badSignatureAlgorithm", nonce);
    }

    @Test
    void aReusedNonceIsRefusedAsBadNonce() throws Exception {
        JwsClient client = account(ecKey(), "ES256");
        String nonce = client.nonce();
        String body = JwsClient.flattened(client.sign(client.header(client.url("newOrder"), nonce, false), order("reuse.acme.test")));
        assertThat(client.postRaw(client.url("newOrder"), body, "application/jose+json").status()).isEqualTo(201);
        assertRefused(client.postRaw(client.url("newOrder"), body, "application/jose+json"), 400, "badNonce", nonce);
    }

    @Test
    void anUnknownNonceIsRefusedAsBadNonce() throws Exception {
        JwsClient client = account(ecKey(), "ES256");
        String nonce = "bm90LWEtbm9uY2UtZnJvbS10aGlzLXNlcnZlcg";
        String body = JwsClient.flattened(client.sign(client.header(client.url("newOrder"), nonce, false), order("unknown.acme.test")));
        assertRefused(client.postRaw(client.url("newOrder"), body, "application/jose+json"), 400, "badNonce", nonce);
    }

    @Test
    void aUrlHeaderThatIsNotTheRequestedUrlIsRefused() throws Exception {
        JwsClient client = account(ecKey(), "ES256");
        String nonce = client.nonce();
        String body = JwsClient.flattened(client.sign(client.header("https://elsewhere.test/acme/new-order", nonce, false),
                order("url.acme.test")));
        assertRefused(client.postRaw(client.url("newOrder"), body, "application/jose+json"), 401, "unauthorized", nonce);
    }

    @Test
    void jwkAndKidTogetherAreRefusedAsMalformed() throws Exception {
        JwsClient client = account(ecKey(), "ES256");
        String nonce = client.nonce();
        Map<String, Object> header = client.header(client.url("newOrder"), nonce, true);
        header.put("kid", client.kid);
        String body = JwsClient.flattened(client.sign(header, order("both.acme.test")));
        assertRefused(client.postRaw(client.url("newOrder"), body, "application/jose+json"), 400, "malformed", nonce);
    }

    @Test
    void aBodyNotSentAsJoseJsonIsRefusedWith415() throws Exception {
        JwsClient client = account(ecKey(), "ES256");
        String nonce = client.nonce();
        String body = JwsClient.flattened(client.sign(client.header(client.url("newOrder"), nonce, false), order("ct.acme.test")));
        assertRefused(client.postRaw(client.url("newOrder"), body, "application/json"), 415, "malformed", nonce);
    }

    @Test
    void anotherAccountsOrderAndAuthorizationAreRefused() throws Exception {
        JwsClient owner = account(ecKey(), "ES256");
        JwsClient intruder = account(ecKey(), "ES256");
        JwsClient.Reply created = owner.post(owner.url("newOrder"), order("mine.acme.test"), false);
        String orderUrl = created.header("Location");
        String authzUrl = created.json().get("authorizations").get(0).asString();
        assertRefused(intruder.post(orderUrl, "", false), 403, "unauthorized", null);
        assertRefused(intruder.post(authzUrl, "", false), 403, "unauthorized", null);
        assertRefused(intruder.post(created.json().get("finalize").asString(), "{\"csr\":\"AA\"}", false), 403, "unauthorized", null);
    }

    @Test
    void aCsrWhoseNamesDifferFromTheOrderIsRefusedAsBadCsr() throws Exception {
        JwsClient client = account(ecKey(), "ES256");
        String order = validatedOrder(client, "csr-names.acme.test");
        JwsClient.Reply reply = finalizeWith(client, order, "csr-names.acme.test", "extra.acme.test");
        assertRefused(reply, 400, "badCSR", null);
        assertThat(reply.json().get("detail").asString()).contains("extra.acme.test");
        JwsClient.Reply after = client.post(order, "", false);
        assertThat(after.json().get("status").asString()).as("a refused CSR leaves the order ready for a good one").isEqualTo("ready");
        assertThat(finalizeWith(client, order, "csr-names.acme.test").json().get("status").asString()).isEqualTo("valid");
    }

    @Test
    void namesOutsideTheCasConstraintsAreRefusedAsRejectedIdentifier() throws Exception {
        JsonNode ca = api().post("/api/v1/cas", "{\"name\":\"Constrained ACME CA\",\"permittedDnsDomains\":[\"inside.test\"]}").json();
        String directory = api().base() + "/acme/" + ca.get("id").asLong() + "/directory";
        JwsClient client = new JwsClient(directory, ecKey(), "ES256");
        client.newAccount("{\"termsOfServiceAgreed\":true}");
        assertThat(client.post(client.url("newOrder"), order("app.inside.test"), false).status()).isEqualTo(201);
        JwsClient.Reply outside = client.post(client.url("newOrder"), order("app.outside.test"), false);
        assertRefused(outside, 400, "rejectedIdentifier", null);
        assertThat(outside.json().get("detail").asString()).contains("inside.test");
    }

    @Test
    void finalizeThroughARevokedCaIsRefusedWith409AndTheOrderStaysReady() throws Exception {
        long rootId = api().get("/api/v1/cas").json().get(0).get("id").asLong();
        long caId = api().post("/api/v1/cas", "{\"name\":\"ACME Intermediate Soon Revoked\",\"parentId\":" + rootId + "}").json()
                .get("id").asLong();
        JwsClient client = new JwsClient(api().base() + "/acme/" + caId + "/directory", ecKey(), "ES256");
        assertThat(client.newAccount("{\"termsOfServiceAgreed\":true}").status()).isEqualTo(201);
        String order = validatedOrder(client, "revoked-ca.acme.test");
        assertThat(api().post("/api/v1/cas/" + caId + "/revoke", "{\"reason\":\"superseded\"}").status()).isEqualTo(200);
        JwsClient.Reply refused = finalizeWith(client, order, "revoked-ca.acme.test");
        assertRefused(refused, 409, "unauthorized", null);
        assertThat(refused.json().get("detail").asString()).contains("was revoked (superseded)");
        assertThat(client.post(order, "", false).json().get("status").asString()).isEqualTo("ready");
    }

    @Test
    void aDeactivatedAccountIsRefusedAsUnauthorized() throws Exception {
        JwsClient client = account(ecKey(), "ES256");
        assertThat(client.post(client.kid, "{\"status\":\"deactivated\"}", false).json().get("status").asString()).isEqualTo("deactivated");
        assertRefused(client.post(client.url("newOrder"), order("gone.acme.test"), false), 403, "unauthorized", null);
        assertRefused(client.newAccount("{\"termsOfServiceAgreed\":true}"), 403, "unauthorized", null);
    }

    @Test
    void onlyReturnExistingForAnUnknownKeyIsAccountDoesNotExist() throws Exception {
        JwsClient client = new JwsClient(directoryUrl(), ecKey(), "ES256");
        assertRefused(client.newAccount("{\"onlyReturnExisting\":true}"), 400, "accountDoesNotExist", null);
    }

    // ---- helpers

    JwsClient account(KeyPair key, String alg) {
        JwsClient client = new JwsClient(directoryUrl(), key, alg);
        JwsClient.Reply reply = client.newAccount("{\"termsOfServiceAgreed\":true,\"contact\":[\"mailto:jws@acme.test\"]}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return client;
    }

    /** Places an order for {@code name} and passes its http-01 challenge; returns the order URL. */
    String validatedOrder(JwsClient client, String name) {
        JwsClient.Reply created = client.post(client.url("newOrder"), order(name), false);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String authz = created.json().get("authorizations").get(0).asString();
        JsonNode challenge = null;
        for (JsonNode c : client.post(authz, "", false).json().get("challenges")) {
            if (c.get("type").asString().equals("http-01")) {
                challenge = c;
            }
        }
        String token = challenge.get("token").asString();
        AcmeTestNetwork.serveHttp01(token, token + "." + AcmeAccounts.thumbprint(client.jwk()));
        assertThat(client.post(challenge.get("url").asString(), "{}", false).status()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> client.post(authz, "", false).json().get("status").asString(), s -> !s.equals("pending"));
        String orderUrl = created.header("Location");
        assertThat(client.post(orderUrl, "", false).json().get("status").asString()).isEqualTo("ready");
        return orderUrl;
    }

    JwsClient.Reply finalizeWith(JwsClient client, String orderUrl, String... names) {
        KeyPair key = KeyType.EC_P256.generate();
        byte[] der;
        try {
            der = SigningRequest.create(key, LeafSpec.of(names[0], List.of(names), List.of(), CertificateProfile.SERVER, 90)).getEncoded();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        String finalizeUrl = client.post(orderUrl, "", false).json().get("finalize").asString();
        return client.post(finalizeUrl, "{\"csr\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(der) + "\"}", false);
    }

    static String order(String name) {
        return "{\"identifiers\":[{\"type\":\"dns\",\"value\":\"" + name + "\"}]}";
    }

    static KeyPair ecKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** The refusal: status, ACME type, problem+json, and a fresh nonce (not the one sent). */
    static void assertRefused(JwsClient.Reply reply, int status, String type, String sentNonce) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.problemType()).isEqualTo(ERROR + type);
        assertThat(reply.header("Replay-Nonce")).isNotBlank().isNotEqualTo(sentNonce);
        assertThat(reply.header("Link")).contains("rel=\"index\"");
    }
}
