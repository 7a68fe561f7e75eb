package dev.inkan.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.testing.ApiClient;
import dev.inkan.testing.Processes;
import dev.inkan.testing.RevocationCheckers;
import dev.inkan.testing.RunningService;
import dev.inkan.testing.Tools;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The public CRL and OCSP endpoints and the CRL API: bad requests refused cleanly (never a 500, nothing
 * changed), unknown serials answered "unknown", cached answers invalidated by a revocation, CRL numbers
 * rising, and a revoked intermediate listed in its parent's CRL.
 */
@Tag("postgresql") // run again on PostgreSQL: the pom's surefire execution "postgresql"
class RevocationEndpointsTests extends RunningService {

    @Test
    void garbageEmptyHugeAndBadBase64OcspRequestsGetMalformedRequestNever500() {
        String before = databaseState();
        var garbage = plain().send("POST", "/ocsp", "application/ocsp-request", "not an OCSP request".getBytes());
        assertThat(garbage.status()).isEqualTo(200);
        assertThat(ocspStatus(garbage.body())).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        var empty = plain().send("POST", "/ocsp", "application/ocsp-request", new byte[0]);
        assertThat(ocspStatus(empty.body())).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        var huge = plain().send("POST", "/ocsp", "application/ocsp-request", new byte[1_000_000]);
        assertThat(huge.status()).isEqualTo(413);
        assertThat(ocspStatus(huge.body())).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        var badBase64 = plain().get("/ocsp/%25%25!!not-base64");
        assertThat(ocspStatus(badBase64.body())).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        var notDer = plain().get("/ocsp/" + Base64.getEncoder().encodeToString("hello".getBytes()));
        assertThat(ocspStatus(notDer.body())).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        var put = plain().send("PUT", "/ocsp", "application/ocsp-request", new byte[10]);
        assertThat(put.status()).isEqualTo(405);
        assertThat(databaseState()).isEqualTo(before);
    }

    @Test
    void requestAboutACaNotHeldHereIsUnauthorizedAndUnknownSerialIsUnknown() throws Exception {
        Path dir = Files.createTempDirectory(Tools.buildDir(), "ocsp-foreign");
        // a CA made by openssl, not by Inkan: its certificates are none of this responder's business
        Processes.Result ca = Processes.run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-keyout", dir.resolve("k.pem").toString(), "-out", dir.resolve("foreign.pem").toString(), "-subj", "/CN=Foreign",
                "-days", "2"));
        assertThat(ca.ok()).as(ca.output()).isTrue();
        byte[] foreign = RevocationCheckers.opensslRequest(dir, dir.resolve("foreign.pem"), dir.resolve("foreign.pem"), false);
        assertThat(ocspStatus(post(foreign))).isEqualTo(OCSPResp.UNAUTHORIZED);

        Path root = Files.writeString(dir.resolve("root.pem"), api().get("/ca.pem").text());
        var unknown = Processes.run(List.of("openssl", "ocsp", "-issuer", root.toString(), "-serial", "0x1234567890abcdef",
                "-url", plain().base() + "/ocsp", "-CAfile", root.toString()));
        assertThat(unknown.output()).contains("Response verify OK").contains("0x1234567890abcdef: unknown");
    }

    @Test
    void nonceLongerThan32OctetsIsMalformedPerRfc8954() throws Exception {
        var issued = issue(null);
        Path dir = Files.createTempDirectory(Tools.buildDir(), "ocsp-nonce");
        Path root = Files.writeString(dir.resolve("root.pem"), api().get("/ca.pem").text());
        Path leaf = Files.writeString(dir.resolve("leaf.pem"), issued.json().get("certificatePem").asText());
        var longNonce = Processes.run(List.of("openssl", "ocsp", "-issuer", root.toString(), "-cert", leaf.toString(),
                "-url", plain().base() + "/ocsp", "-CAfile", root.toString(), "-nonce", "-reqout", dir.resolve("r.der").toString()));
        assertThat(longNonce.output()).contains("good");
        // openssl's -nonce is 16 octets; build a 33-octet one by hand with Bouncy Castle's request builder
        byte[] request = Requests.withNonce(dir, root, leaf, 33);
        assertThat(ocspStatus(post(request))).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        assertThat(ocspStatus(post(Requests.withNonce(dir, root, leaf, 32)))).isEqualTo(OCSPResp.SUCCESSFUL);
    }

    @Test
    void cachedGetAnswerCarriesCacheHeadersAndTurnsRevokedAtOnceAfterRevocation() throws Exception {
        var issued = issue(null);
        long id = issued.json().get("id").asLong();
        Path dir = Files.createTempDirectory(Tools.buildDir(), "ocsp-cache");
        Path root = Files.writeString(dir.resolve("root.pem"), api().get("/ca.pem").text());
        Path leaf = Files.writeString(dir.resolve("leaf.pem"), issued.json().get("certificatePem").asText());
        String path = "/ocsp/" + URLEncoder.encode(Base64.getEncoder().encodeToString(
                RevocationCheckers.opensslRequest(dir, root, leaf, false)), StandardCharsets.US_ASCII);
        var first = plain().get(path);
        var second = plain().get(path);
        assertThat(second.body()).as("pre-signed answer served again").isEqualTo(first.body());
        assertThat(first.header("ETag")).isEqualTo(second.header("ETag")).isNotBlank();
        assertThat(first.header("Last-Modified")).isNotBlank();
        assertThat(first.header("Cache-Control")).matches("max-age=\\d+, public, no-transform, must-revalidate");
        var notModified = anonymous().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(plain().base() + path))
                .header("If-None-Match", first.header("ETag")).GET(), null);
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(basic(first.body()).getResponses()[0].getCertStatus()).isNull(); // good

        long crlBefore = api().get("/api/v1/cas/" + issued.json().get("caId").asLong() + "/crl").json().get("number").asLong();
        assertThat(api().post("/api/v1/certificates/" + id + "/revoke", "{\"reason\":\"superseded\"}").status()).isEqualTo(200);
        var after = plain().get(path);
        assertThat(basic(after.body()).getResponses()[0].getCertStatus()).isInstanceOf(RevokedStatus.class);
        assertThat(((RevokedStatus) basic(after.body()).getResponses()[0].getCertStatus()).getRevocationReason()).isEqualTo(4);
        assertThat(after.header("ETag")).isNotEqualTo(first.header("ETag"));
        var crl = api().get("/api/v1/cas/" + issued.json().get("caId").asLong() + "/crl").json();
        assertThat(crl.get("number").asLong()).as("a revocation issues a new CRL").isGreaterThan(crlBefore);
        assertThat(crl.get("entries").asLong()).isPositive();
    }

    @Test
    void crlEndpointsServeDerAndPemWithCacheHeadersAndUnknownCaIs404() {
        long caId = api().get("/api/v1/cas").json().get(0).get("id").asLong();
        var der = plain().get("/crl/" + caId + ".crl");
        assertThat(der.status()).isEqualTo(200);
        assertThat(der.contentType()).isEqualTo("application/pkix-crl");
        assertThat(der.header("Cache-Control")).contains("max-age=");
        assertThat(der.header("Last-Modified")).isNotBlank();
        var pem = plain().get("/crl/" + caId + ".pem");
        assertThat(pem.text()).startsWith("-----BEGIN X509 CRL-----");
        var forced = api().post("/api/v1/cas/" + caId + "/crl", null);
        assertThat(forced.status()).isEqualTo(200);
        var after = api().get("/api/v1/cas/" + caId + "/crl").json();
        assertThat(after.get("number").asLong()).isEqualTo(forced.json().get("number").asLong());
        assertThat(after.get("nextUpdate").asText()).isNotBlank();
        assertThat(after.get("deltaCrlUrl").isNull()).as("no delta CRL URL while delta CRLs are off").isTrue();
        var missing = plain().get("/crl/999999.crl");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(anonymous().get("/api/v1/cas/" + caId + "/crl").status()).as("metadata API needs the token").isEqualTo(401);
    }

    @Test
    void revokedIntermediateIsListedInItsParentsCrlAndParentsOcspSaysRevoked() throws Exception {
        ApiClient api = api();
        long rootId = api.get("/api/v1/cas").json().get(0).get("id").asLong();
        var intermediate = api.post("/api/v1/cas", "{\"name\":\"Doomed Intermediate\",\"parentId\":" + rootId + "}");
        long id = intermediate.json().get("id").asLong();
        Path dir = Files.createTempDirectory(Tools.buildDir(), "ca-revocation");
        Path root = Files.writeString(dir.resolve("root.pem"), api.get("/api/v1/cas/" + rootId + "/certificate").text());
        Path inter = Files.writeString(dir.resolve("inter.pem"), intermediate.json().get("certificatePem").asText());
        var leaf = issue(id);
        Path leafPem = Files.writeString(dir.resolve("leaf.pem"), leaf.json().get("certificatePem").asText());
        assertThat(api.post("/api/v1/cas/" + rootId + "/revoke", "{\"reason\":\"keyCompromise\"}").status())
                .as("a root cannot be revoked by an issuer").isEqualTo(422);
        var revoked = api.post("/api/v1/cas/" + id + "/revoke", "{\"reason\":\"cACompromise\"}");
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(api.post("/api/v1/cas/" + id + "/revoke", "{}").status()).isEqualTo(409);

        Path crls = Files.writeString(dir.resolve("crls.pem"), plain().get("/crl/" + rootId + ".pem").text()
                + plain().get("/crl/" + id + ".pem").text());
        var verify = RevocationCheckers.opensslVerify(root, inter, leafPem, crls, false);
        assertThat(verify.ok()).as(verify.output()).isFalse();
        assertThat(verify.output()).contains("certificate revoked");
        var ocsp = RevocationCheckers.opensslOcsp(plain().base() + "/ocsp", root, inter, root, null, true);
        assertThat(ocsp.output()).contains("Response verify OK").contains(inter + ": revoked").contains("Reason: cACompromise");
    }

    @Test
    void revokedIntermediateCanNoLongerIssueSignCsrsOrParentACaAndSays409() throws Exception {
        ApiClient api = api();
        long rootId = api.get("/api/v1/cas").json().get(0).get("id").asLong();
        long id = api.post("/api/v1/cas", "{\"name\":\"Retired Intermediate\",\"parentId\":" + rootId + "}").json().get("id").asLong();
        issue(id);
        assertThat(api.post("/api/v1/cas/" + id + "/revoke", "{\"reason\":\"cessationOfOperation\"}").status()).isEqualTo(200);
        long certificatesBefore = api.get("/api/v1/certificates?caId=" + id).json().get("total").asLong();

        var issued = api.post("/api/v1/certificates", "{\"commonName\":\"after.test\",\"caId\":" + id + "}");
        String csr = Processes.run(List.of("sh", "-c", "openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout /dev/null"
                + " -subj /CN=csr.test -addext subjectAltName=DNS:csr.test 2>/dev/null")).stdout();
        assertThat(csr).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        var signed = api.send("POST", "/api/v1/certificates/csr?caId=" + id, "application/pkcs10", csr.getBytes(StandardCharsets.US_ASCII));
        var child = api.post("/api/v1/cas", "{\"name\":\"Under A Revoked CA\",\"parentId\":" + id + "}");
        for (ApiClient.Response refused : List.of(issued, signed, child)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.text()).contains("was revoked (cessationOfOperation)").contains("issue from another CA");
        }
        assertThat(api.get("/api/v1/certificates?caId=" + id).json().get("total").asLong()).as("nothing issued").isEqualTo(certificatesBefore);
        assertThat(api.post("/api/v1/certificates", "{\"commonName\":\"still.test\",\"caId\":" + rootId + "}").status())
                .as("its parent still issues").isEqualTo(201);
    }

    private ApiClient.Response issue(Long caId) {
        var issued = api().post("/api/v1/certificates", "{\"commonName\":\"endpoints.test\""
                + (caId == null ? "" : ",\"caId\":" + caId) + "}");
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        return issued;
    }

    private byte[] post(byte[] request) {
        return plain().send("POST", "/ocsp", "application/ocsp-request", request).body();
    }

    static int ocspStatus(byte[] body) {
        try {
            return new OCSPResp(body).getStatus();
        } catch (java.io.IOException e) {
            throw new AssertionError("not an OCSPResponse: " + e);
        }
    }

    static BasicOCSPResp basic(byte[] body) throws Exception {
        OCSPResp response = new OCSPResp(body);
        assertThat(response.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        return (BasicOCSPResp) response.getResponseObject();
    }
}
