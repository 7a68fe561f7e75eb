package dev.inkan.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.testing.Processes;
import dev.inkan.testing.RevocationCheckers;
import dev.inkan.testing.RunningService;
import dev.inkan.testing.Tools;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.TestPropertySource;

/**
 * Delta CRLs (RFC 5280 §5.2.4) with {@code inkan.revocation.delta-crl=true}: the full CRL names the delta's URL in
 * Freshest CRL (§5.2.6), a revocation issues a delta based on the current full CRL, and openssl, Go and the JDK read
 * them: {@code openssl verify -crl_check -use_deltas} with both finds the revocation that the full CRL alone lacks.
 */
@TestPropertySource(properties = "inkan.revocation.delta-crl=true")
class DeltaCrlTests extends RunningService {

    @org.springframework.test.context.DynamicPropertySource
    static void ownDirectory(DynamicPropertyRegistry registry) {
        RunningService.ownDataDirectory(registry);
    }

    @Test
    void aRevocationIsPublishedInADeltaCrlThatOpensslGoAndTheJdkReadWithItsBase() throws Exception {
        long caId = api().get("/api/v1/cas").json().get(0).get("id").asLong();
        Path dir = Files.createTempDirectory(Tools.buildDir(), "delta-crl");
        Path root = Files.writeString(dir.resolve("root.pem"), api().get("/ca.pem").text());
        var revokedLeaf = api().post("/api/v1/certificates", "{\"commonName\":\"revoked.delta.test\"}").json();
        Path revoked = Files.writeString(dir.resolve("revoked.pem"), revokedLeaf.get("certificatePem").asText());
        Path good = Files.writeString(dir.resolve("good.pem"),
                api().post("/api/v1/certificates", "{\"commonName\":\"good.delta.test\"}").json().get("certificatePem").asText());

        var forced = api().post("/api/v1/cas/" + caId + "/crl", null);
        assertThat(forced.status()).isEqualTo(200);
        long baseNumber = forced.json().get("number").asLong();
        assertThat(forced.json().get("deltaCrlUrl").asText()).as("the metadata names the delta CRL").endsWith("/crl/" + caId + "-delta.crl");
        byte[] baseDer = plain().get("/crl/" + caId + ".crl").body();
        assertThat(api().post("/api/v1/certificates/" + revokedLeaf.get("id").asLong() + "/revoke", "{\"reason\":\"superseded\"}").status())
                .isEqualTo(200);

        X509CRL base = crl(plain().get("/crl/" + caId + ".crl").body());
        assertThat(plain().get("/crl/" + caId + ".crl").body()).as("the full CRL waits for the timer").isEqualTo(baseDer);
        assertThat(base.getExtensionValue(Extension.freshestCRL.getId())).as("Freshest CRL in the base").isNotNull();
        var deltaResponse = plain().get("/crl/" + caId + "-delta.crl");
        assertThat(deltaResponse.contentType()).isEqualTo("application/pkix-crl");
        X509CRL delta = crl(deltaResponse.body());
        X509Certificate revokedCertificate = certificate(revoked);
        assertThat(delta.isRevoked(revokedCertificate)).as("the JDK reads the delta").isTrue();
        assertThat(base.isRevoked(revokedCertificate)).isFalse();
        assertThat(delta.getCriticalExtensionOIDs()).contains(Extension.deltaCRLIndicator.getId());
        assertThat(deltaNumberOf(delta)).as("deltaCRLIndicator names the base").isEqualTo(BigInteger.valueOf(baseNumber));
        delta.verify(certificate(root).getPublicKey());

        Files.writeString(dir.resolve("base.pem"), plain().get("/crl/" + caId + ".pem").text());
        Files.writeString(dir.resolve("delta.pem"), plain().get("/crl/" + caId + "-delta.pem").text());
        var text = Processes.run(List.of("openssl", "crl", "-in", dir.resolve("base.pem").toString(), "-noout", "-text"));
        assertThat(text.stdout()).contains("X509v3 Freshest CRL").contains("/crl/" + caId + "-delta.crl");
        var deltaText = Processes.run(List.of("openssl", "crl", "-in", dir.resolve("delta.pem").toString(), "-noout", "-text",
                "-CAfile", root.toString(), "-verify"));
        assertThat(deltaText.output()).contains("verify OK").contains("X509v3 Delta CRL Indicator: critical")
                .contains(revokedCertificate.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT));

        Path both = Files.writeString(dir.resolve("both.pem"), Files.readString(dir.resolve("base.pem")) + Files.readString(dir.resolve("delta.pem")));
        var withDelta = verify(root, both, revoked);
        assertThat(withDelta.ok()).as(withDelta.output()).isFalse();
        assertThat(withDelta.output()).contains("certificate revoked");
        var goodWithDelta = verify(root, both, good);
        assertThat(goodWithDelta.ok()).as(goodWithDelta.output()).isTrue();
        var baseAlone = verify(root, dir.resolve("base.pem"), revoked);
        assertThat(baseAlone.ok()).as("the full CRL alone does not list it yet: " + baseAlone.output()).isTrue();

        var go = RevocationCheckers.go("crl", plain().base() + "/crl/" + caId + "-delta.crl", root, revoked);
        assertThat(go.output()).as("Go's x509.ParseRevocationList").contains("revoked");
        assertThat(go.ok()).as(go.output()).isTrue();
        assertThat(plain().get("/crl/" + caId + "-delta.crl").status()).isEqualTo(200);
        assertThat(plain().get("/crl/999999-delta.crl").status()).isEqualTo(404);
    }

    private static Processes.Result verify(Path root, Path crls, Path leaf) {
        return Processes.run(List.of("openssl", "verify", "-crl_check", "-use_deltas", "-CAfile", root.toString(), "-CRLfile",
                crls.toString(), leaf.toString()));
    }

    private static BigInteger deltaNumberOf(X509CRL crl) throws Exception {
        byte[] octets = org.bouncycastle.asn1.ASN1OctetString.getInstance(crl.getExtensionValue(Extension.deltaCRLIndicator.getId())).getOctets();
        return ASN1Integer.getInstance(octets).getValue();
    }

    private static X509CRL crl(byte[] der) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        try (var in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
