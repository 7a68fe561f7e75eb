package dev.inkan.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inkan.engine.CertificateDescription;
import dev.inkan.engine.CertificateProfile;
import dev.inkan.engine.KeyPairs;
import dev.inkan.engine.KeyType;
import dev.inkan.engine.LeafSpec;
import dev.inkan.engine.Pem;
import dev.inkan.engine.SigningRequest;
import dev.inkan.testing.ApiClient;
import dev.inkan.testing.RunningService;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The certificate endpoints driven over HTTP as the README's curl session does, each result judged by outside verifiers. */
@Tag("postgresql") // run again on PostgreSQL: the pom's surefire execution "postgresql"
class CertificateApiTests extends RunningService {

    @TempDir
    Path dir;

    private final String prefix = "t" + UUID.randomUUID().toString().substring(0, 8);

    private JsonNode issue(String json) {
        ApiClient.Response response = api().post("/api/v1/certificates", json);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    @Test
    void issuedServerCertificateIsReturnedWithKeyAndVerifiesWithOpensslStrictAndGo() {
        long before = certificateCount();
        ApiClient.Response response = api().post("/api/v1/certificates",
                "{\"commonName\":\"" + prefix + ".test\",\"dnsNames\":[\"www." + prefix + ".test\"],\"ipAddresses\":[\"127.0.0.1\"]}");

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode issued = response.json();
        assertThat(response.header("Location")).isEqualTo("/api/v1/certificates/" + issued.path("id").asLong());
        assertThat(issued.path("serialNumber").asString()).matches("[0-9a-f]{16,40}");
        assertThat(issued.path("notBefore").asString()).isNotEmpty();
        assertThat(issued.path("notAfter").asString()).isNotEmpty();
        X509Certificate leaf = Pem.readCertificates("c", issued.path("certificatePem").asString()).get(0);
        PrivateKey key = Pem.readPrivateKey("k", issued.path("privateKeyPem").asString(), null);
        assertThat(KeyPairs.matches(key, leaf.getPublicKey())).isTrue();
        assertThat(leaf.getSerialNumber().toString(16)).isEqualTo(issued.path("serialNumber").asString());
        assertThat(certificateCount()).isEqualTo(before + 1);
        ChainCheck.verifiedByOpensslAndGo(issued, "www." + prefix + ".test", dir);
        ChainCheck.verifiedByOpensslAndGo(issued, "127.0.0.1", dir);
    }

    @Test
    void everyKeyTypeAndProfileIssuesCertificatesTheVerifiersAccept() {
        for (String keyType : List.of("ecdsa-p384", "rsa-2048")) {
            JsonNode issued = issue("{\"dnsNames\":[\"" + keyType + "." + prefix + ".test\"],\"keyType\":\"" + keyType + "\",\"validityDays\":30}");
            assertThat(issued.path("keyType").asString()).isEqualTo(keyType);
            ChainCheck.verifiedByOpensslAndGo(issued, keyType + "." + prefix + ".test", dir);
        }
        JsonNode client = issue("{\"commonName\":\"client." + prefix + ".test\",\"profile\":\"client\"}");
        ChainCheck.verifiedByOpensslAndGo(client, null, dir);
        JsonNode both = issue("{\"dnsNames\":[\"both." + prefix + ".test\"],\"profile\":\"server+client\"}");
        ChainCheck.verifiedByOpensslAndGo(both, "both." + prefix + ".test", dir);
    }

    @Test
    void certificateFromAnIntermediateVerifiesWithTheFullChain() {
        long rootId = api().get("/api/v1/cas").json().get(0).path("id").asLong();
        ApiClient.Response created = api().post("/api/v1/cas", "{\"name\":\"Intermediate " + prefix + "\",\"parentId\":" + rootId + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long intermediateId = created.json().path("id").asLong();
        assertThat(created.json().path("kind").asString()).isEqualTo("intermediate");

        JsonNode issued = issue("{\"dnsNames\":[\"api." + prefix + ".test\"],\"caId\":" + intermediateId + "}");

        assertThat(issued.path("caId").asLong()).isEqualTo(intermediateId);
        assertThat(Pem.readCertificates("chain", issued.path("chainPem").asString())).hasSize(2);
        String fullChain = api().get("/api/v1/certificates/" + issued.path("id").asLong() + "/fullchain.pem").text();
        assertThat(Pem.readCertificates("fullchain", fullChain)).hasSize(3);
        ChainCheck.verifiedByOpensslAndGo(issued, "api." + prefix + ".test", dir);
    }

    @Test
    void showDecodesTheCertificateAndEveryPemFileDownloads() throws Exception {
        JsonNode issued = issue("{\"dnsNames\":[\"show." + prefix + ".test\",\"*.show." + prefix + ".test\"],\"ipAddresses\":[\"::1\"]}");
        long id = issued.path("id").asLong();

        JsonNode shown = api().get("/api/v1/certificates/" + id).json();

        assertThat(shown.path("status").asString()).isEqualTo("valid");
        assertThat(shown.path("privateKeyStored").asBoolean()).isTrue();
        assertThat(shown.path("details").path("subjectAltNames").toString())
                .contains("DNS:show." + prefix + ".test", "DNS:*.show." + prefix + ".test", "IP Address:::1");
        X509Certificate leaf = Pem.readCertificates("c", issued.path("certificatePem").asString()).get(0);
        assertThat(shown.path("details").path("sha256Fingerprint").asString())
                .isEqualTo(CertificateDescription.fingerprint("SHA-256", leaf.getEncoded()));
        assertThat(shown.path("privateKeyPem").isMissingNode()).isTrue();
        assertThat(shown.path("history").get(0).path("action").asString()).isEqualTo("certificate.issued");

        ApiClient.Response cert = api().get("/api/v1/certificates/" + id + "/cert.pem");
        assertThat(cert.contentType()).startsWith("application/x-pem-file");
        assertThat(cert.text()).isEqualTo(issued.path("certificatePem").asString());
        assertThat(api().get("/api/v1/certificates/" + id + "/chain.pem").text()).isEqualTo(issued.path("chainPem").asString());
        assertThat(api().get("/api/v1/certificates/" + id + "/fullchain.pem").text())
                .isEqualTo(issued.path("certificatePem").asString() + issued.path("chainPem").asString());
        PrivateKey key = Pem.readPrivateKey("k", api().get("/api/v1/certificates/" + id + "/key.pem").text(), null);
        assertThat(KeyPairs.matches(key, leaf.getPublicKey())).isTrue();
    }

    @Test
    void listFiltersByNameStatusCaAndExpiryAndPages() {
        long a = issue("{\"dnsNames\":[\"alpha." + prefix + ".test\"],\"validityDays\":5}").path("id").asLong();
        long b = issue("{\"dnsNames\":[\"beta." + prefix + ".test\"],\"validityDays\":200}").path("id").asLong();
        long c = issue("{\"dnsNames\":[\"gamma." + prefix + ".test\"],\"validityDays\":400}").path("id").asLong();
        api().post("/api/v1/certificates/" + c + "/revoke", "{\"reason\":\"superseded\"}");

        assertThat(ids("?q=" + prefix + ".test")).containsExactly(c, b, a);
        assertThat(ids("?q=BETA." + prefix)).containsExactly(b);
        assertThat(ids("?q=" + prefix + "&status=revoked")).containsExactly(c);
        assertThat(ids("?q=" + prefix + "&status=expiring")).containsExactly(a);
        assertThat(ids("?q=" + prefix + "&status=valid")).containsExactly(b);
        assertThat(ids("?q=" + prefix + "&expiringWithinDays=10")).containsExactly(a);
        assertThat(ids("?q=" + prefix + "&sort=notAfter")).containsExactly(a, b, c);
        long rootId = api().get("/api/v1/cas").json().get(0).path("id").asLong();
        assertThat(ids("?q=" + prefix + "&caId=" + rootId)).containsExactly(c, b, a);

        JsonNode page0 = api().get("/api/v1/certificates?q=" + prefix + "&size=2").json();
        assertThat(page0.path("total").asLong()).isEqualTo(3);
        assertThat(page0.path("items").size()).isEqualTo(2);
        JsonNode page1 = api().get("/api/v1/certificates?q=" + prefix + "&size=2&page=1").json();
        assertThat(page1.path("items").get(0).path("id").asLong()).isEqualTo(a);
        assertThat(page1.path("total").asLong()).isEqualTo(3);
    }

    private List<Long> ids(String query) {
        ApiClient.Response response = api().get("/api/v1/certificates" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().path("items").valueStream().map(n -> n.path("id").asLong()).toList();
    }

    @Test
    void csrIsSignedWithItsOwnKeyAndNamesAndNoKeyIsKept() {
        KeyPair keyPair = KeyType.EC_P256.generate();
        String csr = Pem.encode(SigningRequest.create(keyPair,
                LeafSpec.of("csr." + prefix + ".test", List.of("alt." + prefix + ".test"), List.of(), CertificateProfile.SERVER, 90)));

        ApiClient.Response response = api().post("/api/v1/certificates/csr", "{\"csr\":" + ApiClient.quote(csr) + ",\"validityDays\":90}");

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode issued = response.json();
        assertThat(issued.path("privateKeyPem").isNull()).isTrue();
        X509Certificate leaf = Pem.readCertificates("c", issued.path("certificatePem").asString()).get(0);
        assertThat(leaf.getPublicKey()).isEqualTo(keyPair.getPublic());
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        ChainCheck.verifiedByOpensslAndGo(issued, "alt." + prefix + ".test", dir);
        long id = issued.path("id").asLong();
        assertThat(api().get("/api/v1/certificates/" + id + "/key.pem").status()).isEqualTo(409);
        assertThat(api().post("/api/v1/certificates/" + id + "/pkcs12", "{\"password\":\"secret\"}").status()).isEqualTo(409);
        assertThat(api().get("/api/v1/certificates/" + id).json().path("origin").asString()).isEqualTo("csr");
    }

    @Test
    void rawPkcs10BodyIsSignedWhetherPemOrDer() throws Exception {
        KeyPair keyPair = KeyType.EC_P256.generate();
        var request = SigningRequest.create(keyPair, LeafSpec.of("raw." + prefix + ".test", List.of(), List.of(), CertificateProfile.SERVER, 30));

        ApiClient.Response pem = api().send("POST", "/api/v1/certificates/csr?validityDays=30", "application/pkcs10",
                Pem.encode(request).getBytes(StandardCharsets.US_ASCII));
        ApiClient.Response der = api().send("POST", "/api/v1/certificates/csr?profile=server", "application/pkcs10", request.getEncoded());

        assertThat(pem.status()).as(pem.toString()).isEqualTo(201);
        assertThat(der.status()).as(der.toString()).isEqualTo(201);
        ChainCheck.verifiedByOpensslAndGo(pem.json(), "raw." + prefix + ".test", dir);
        ChainCheck.verifiedByOpensslAndGo(der.json(), "raw." + prefix + ".test", dir);
    }

    @Test
    void pkcs12OpensWithTheChosenPasswordOnly() throws Exception {
        JsonNode issued = issue("{\"dnsNames\":[\"p12." + prefix + ".test\"]}");
        long id = issued.path("id").asLong();
        for (String encryption : List.of("modern", "legacy")) {
            ApiClient.Response p12 = api().post("/api/v1/certificates/" + id + "/pkcs12",
                    "{\"password\":\"correct horse\",\"encryption\":\"" + encryption + "\"}");
            assertThat(p12.status()).as(p12.toString()).isEqualTo(200);
            assertThat(p12.contentType()).startsWith("application/x-pkcs12");

            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(p12.body()), "correct horse".toCharArray());
            String alias = store.aliases().nextElement();
            assertThat(store.isKeyEntry(alias)).isTrue();
            assertThat(store.getCertificateChain(alias)).hasSize(2);
            assertThat(((X509Certificate) store.getCertificate(alias)).getSerialNumber().toString(16))
                    .isEqualTo(issued.path("serialNumber").asString());
            assertThatThrownBy(() -> KeyStore.getInstance("PKCS12").load(new ByteArrayInputStream(p12.body()), "wrong".toCharArray()))
                    .isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void revocationIsRecordedWithReasonWhoAndWhenAndIsFinal() {
        long id = issue("{\"dnsNames\":[\"revoke." + prefix + ".test\"]}").path("id").asLong();

        ApiClient.Response revoked = api().post("/api/v1/certificates/" + id + "/revoke", "{\"reason\":\"keyCompromise\"}");

        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().path("status").asString()).isEqualTo("revoked");
        assertThat(revoked.json().path("revocationReason").asString()).isEqualTo("keyCompromise");
        assertThat(revoked.json().path("revokedAt").asString()).isNotEmpty();
        JsonNode history = api().get("/api/v1/certificates/" + id).json().path("history");
        assertThat(history.get(1).path("action").asString()).isEqualTo("certificate.revoked");
        assertThat(history.get(1).path("actor").asString()).isEqualTo("api-token");
        assertThat(api().post("/api/v1/certificates/" + id + "/revoke", "{\"reason\":\"superseded\"}").status()).isEqualTo(409);
        assertThat(api().get("/api/v1/certificates/" + id + "/cert.pem").status()).isEqualTo(200);
    }

    @Test
    void deletingTheKeyRemovesKeyPemAndPkcs12ButKeepsTheCertificate() {
        long id = issue("{\"dnsNames\":[\"forget." + prefix + ".test\"]}").path("id").asLong();

        ApiClient.Response deleted = api().delete("/api/v1/certificates/" + id + "/key");

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api().get("/api/v1/certificates/" + id + "/key.pem").status()).isEqualTo(409);
        assertThat(api().post("/api/v1/certificates/" + id + "/pkcs12", "{\"password\":\"secret\"}").status()).isEqualTo(409);
        assertThat(api().delete("/api/v1/certificates/" + id + "/key").status()).isEqualTo(409);
        JsonNode shown = api().get("/api/v1/certificates/" + id).json();
        assertThat(shown.path("privateKeyStored").asBoolean()).isFalse();
        assertThat(shown.path("history").get(1).path("action").asString()).isEqualTo("certificate.key-deleted");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM certificate WHERE id = ? AND key_sealed IS NULL").param(id).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void privateKeysAreStoredEncryptedNotAsPem() {
        long id = issue("{\"dnsNames\":[\"sealed." + prefix + ".test\"]}").path("id").asLong();
        byte[] sealed = jdbc.sql("SELECT key_sealed FROM certificate WHERE id = ?").param(id).query(byte[].class).single();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("PRIVATE KEY");
        byte[] caKey = jdbc.sql("SELECT key_sealed FROM certificate_authority ORDER BY id LIMIT 1").query(byte[].class).single();
        assertThat(new String(caKey, StandardCharsets.ISO_8859_1)).doesNotContain("PRIVATE KEY");
    }
}
