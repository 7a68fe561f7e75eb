package dev.inkan.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.engine.CaSpec;
import dev.inkan.engine.CertificateIssuer;
import dev.inkan.engine.IssuingAuthority;
import dev.inkan.engine.KeyType;
import dev.inkan.engine.Pem;
import dev.inkan.testing.ApiClient;
import dev.inkan.testing.RunningService;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The CA endpoints: the default root, creating roots and intermediates, name constraints, import, downloads. */
@Tag("postgresql") // run again on PostgreSQL: the pom's surefire execution "postgresql"
class CaApiTests extends RunningService {

    @TempDir
    Path dir;

    private final String prefix = "c" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void firstStartMadeOneDefaultEcdsaRootWhoseCertificateIsPublicAtCaPem() {
        JsonNode defaults = api().get("/api/v1/cas").json().get(0);
        assertThat(defaults.path("defaultAuthority").asBoolean()).isTrue();
        assertThat(defaults.path("name").asString()).isEqualTo("Inkan Test Root CA");
        assertThat(defaults.path("keyType").asString()).isEqualTo("ecdsa-p256");
        assertThat(defaults.path("kind").asString()).isEqualTo("root");
        assertThat(defaults.toString()).doesNotContain("PRIVATE KEY");
        X509Certificate root = Pem.readCertificates("ca", defaults.path("certificatePem").asString()).get(0);
        long years = java.time.Duration.between(root.getNotBefore().toInstant(), root.getNotAfter().toInstant()).toDays() / 365;
        assertThat(years).isEqualTo(10);

        ApiClient.Response caPem = anonymous().get("/ca.pem");

        assertThat(caPem.status()).isEqualTo(200);
        assertThat(caPem.text()).isEqualTo(defaults.path("certificatePem").asString());
        long id = defaults.path("id").asLong();
        assertThat(api().get("/api/v1/cas/" + id + "/certificate").text()).isEqualTo(caPem.text());
        assertThat(api().get("/api/v1/cas/" + id).json().path("details").path("extensions").toString())
                .contains("CA:TRUE", "Certificate Sign");
    }

    @Test
    void newRootWithRsaKeyIssuesCertificatesThatVerify() {
        ApiClient.Response created = api().post("/api/v1/cas",
                "{\"name\":\"RSA Root " + prefix + "\",\"keyType\":\"rsa-2048\",\"validityDays\":365,\"organization\":\"Inkan Tests\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/v1/cas/" + created.json().path("id").asLong());
        assertThat(created.json().path("subject").asString()).isEqualTo("CN=RSA Root " + prefix + ",O=Inkan Tests");

        ApiClient.Response issued = api().post("/api/v1/certificates",
                "{\"dnsNames\":[\"rsa." + prefix + ".test\"],\"caId\":" + created.json().path("id").asLong() + "}");

        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        ChainCheck.verifiedByOpensslAndGo(issued.json(), "rsa." + prefix + ".test", dir);
    }

    @Test
    void nameConstrainedCaIssuesInsideItsDomainsAndRefusesOutside() {
        ApiClient.Response created = api().post("/api/v1/cas", "{\"name\":\"Corp " + prefix + "\",\"permittedDnsDomains\":[\"corp.test\"],"
                + "\"permittedIpRanges\":[\"10.0.0.0/8\"]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long caId = created.json().path("id").asLong();
        assertThat(created.json().path("permittedDnsDomains").toString()).contains("corp.test");
        assertThat(created.json().path("details").path("extensions").toString()).contains("Permitted: DNS:corp.test");

        ApiClient.Response inside = api().post("/api/v1/certificates",
                "{\"dnsNames\":[\"db.corp.test\"],\"ipAddresses\":[\"10.1.2.3\"],\"caId\":" + caId + "}");
        ApiClient.Response outside = api().post("/api/v1/certificates", "{\"dnsNames\":[\"evil.example\"],\"caId\":" + caId + "}");

        assertThat(inside.status()).as(inside.toString()).isEqualTo(201);
        ChainCheck.verifiedByOpensslAndGo(inside.json(), "db.corp.test", dir);
        assertThat(outside.status()).isEqualTo(422);
        assertThat(outside.json().path("errors").get(0).path("field").asString()).isEqualTo("dnsNames");
    }

    @Test
    void importedCaAndItsIntermediateIssueCertificatesThatVerify() {
        Instant now = Instant.now();
        KeyPair rootKey = KeyType.EC_P256.generate();
        X509Certificate root = CertificateIssuer.selfSignedRoot(CaSpec.root("Imported Root " + prefix, 3650), rootKey, now);
        KeyPair subKey = KeyType.EC_P384.generate();
        X509Certificate sub = CertificateIssuer.intermediate(CaSpec.root("Imported Sub " + prefix, 1000), subKey.getPublic(),
                IssuingAuthority.of(List.of(root), rootKey.getPrivate()), now);

        ApiClient.Response importedRoot = api().post("/api/v1/cas/import", "{\"certificatePem\":" + ApiClient.quote(Pem.encode(root))
                + ",\"privateKeyPem\":" + ApiClient.quote(Pem.encodeEncrypted(rootKey.getPrivate(), "pw".toCharArray()))
                + ",\"keyPassword\":\"pw\"}");
        ApiClient.Response importedSub = api().post("/api/v1/cas/import", "{\"name\":\"Sub " + prefix + "\",\"certificatePem\":"
                + ApiClient.quote(Pem.encode(sub)) + ",\"privateKeyPem\":" + ApiClient.quote(Pem.encode(subKey.getPrivate())) + "}");

        assertThat(importedRoot.status()).as(importedRoot.toString()).isEqualTo(201);
        assertThat(importedRoot.json().path("kind").asString()).isEqualTo("imported");
        assertThat(importedRoot.json().path("name").asString()).isEqualTo("Imported Root " + prefix);
        assertThat(importedSub.status()).as(importedSub.toString()).isEqualTo(201);
        assertThat(importedSub.json().path("parentId").asLong()).isEqualTo(importedRoot.json().path("id").asLong());
        ApiClient.Response issued = api().post("/api/v1/certificates",
                "{\"dnsNames\":[\"imp." + prefix + ".test\"],\"caId\":" + importedSub.json().path("id").asLong() + "}");
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        assertThat(Pem.readCertificates("chain", issued.json().path("chainPem").asString())).containsExactly(sub, root);
        ChainCheck.verifiedByOpensslAndGo(issued.json(), "imp." + prefix + ".test", dir);
        ApiClient.Response again = api().post("/api/v1/cas/import", "{\"certificatePem\":" + ApiClient.quote(Pem.encode(root))
                + ",\"privateKeyPem\":" + ApiClient.quote(Pem.encode(rootKey.getPrivate())) + "}");
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void healthOpenApiAndSwaggerUiArePublic() {
        assertThat(anonymous().get("/actuator/health").text()).contains("UP");
        ApiClient.Response docs = anonymous().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.text()).contains("/api/v1/certificates", "/api/v1/cas", "/api/v1/certificates/{id}/pkcs12", "bearer");
        assertThat(anonymous().get("/swagger-ui.html").status()).isIn(200, 302);
        assertThat(anonymous().get("/swagger-ui/index.html").status()).isEqualTo(200);
    }
}
