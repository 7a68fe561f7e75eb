package dev.inkan.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.engine.Pem;
import dev.inkan.testing.ApiClient;
import dev.inkan.testing.Processes;
import dev.inkan.testing.RevocationCheckers;
import dev.inkan.testing.RunningService;
import dev.inkan.testing.Tools;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The verifier matrix of issue 9: for a good and a revoked leaf, issued by the root and by an
 * intermediate, every independent checker reaches the same verdict through Inkan's CRLs and OCSP
 * responder, at the URLs the certificates themselves carry.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RevocationVerifiersTests extends RunningService {

    /** One leaf and the files the checkers read. */
    record Case(String name, boolean revoked, Path dir, Path root, Path issuer, Path untrusted, Path leaf, Path chain, Path crls,
                long issuerId, long rootId) {
        @Override
        public String toString() {
            return name;
        }
    }

    private final List<Case> cases = new ArrayList<>();

    @BeforeAll
    void issueGoodAndRevokedLeavesFromRootAndIntermediate() throws IOException {
        ApiClient api = api();
        var root = stream(api.get("/api/v1/cas").json()).filter(ca -> ca.get("defaultAuthority").asBoolean()).findFirst().orElseThrow();
        long rootId = root.get("id").asLong();
        var intermediate = api.post("/api/v1/cas", "{\"name\":\"Revocation Test Intermediate\",\"parentId\":" + rootId + "}");
        assertThat(intermediate.status()).as(intermediate.toString()).isEqualTo(201);
        long intermediateId = intermediate.json().get("id").asLong();
        Path base = Files.createTempDirectory(Tools.buildDir(), "revocation-matrix");
        Path rootPem = Files.writeString(base.resolve("root.pem"), root.get("certificatePem").asText());
        Path intermediatePem = Files.writeString(base.resolve("intermediate.pem"), intermediate.json().get("certificatePem").asText());
        for (boolean fromIntermediate : new boolean[] {false, true}) {
            for (boolean revoked : new boolean[] {false, true}) {
                String name = (fromIntermediate ? "intermediate" : "root") + "/" + (revoked ? "revoked" : "good");
                long issuerId = fromIntermediate ? intermediateId : rootId;
                var issued = api.post("/api/v1/certificates", "{\"commonName\":\"localhost\",\"ipAddresses\":[\"127.0.0.1\"],\"caId\":"
                        + issuerId + "}");
                assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
                if (revoked) {
                    var revoke = api.post("/api/v1/certificates/" + issued.json().get("id").asLong() + "/revoke", "{\"reason\":\"keyCompromise\"}");
                    assertThat(revoke.status()).as(revoke.toString()).isEqualTo(200);
                }
                Path dir = Files.createDirectories(base.resolve(name.replace('/', '-')));
                Path leaf = Files.writeString(dir.resolve("leaf.pem"), issued.json().get("certificatePem").asText());
                Path chain = Files.writeString(dir.resolve("chain.pem"), Files.readString(leaf)
                        + (fromIntermediate ? Files.readString(intermediatePem) : ""));
                cases.add(new Case(name, revoked, dir, rootPem, fromIntermediate ? intermediatePem : rootPem,
                        fromIntermediate ? intermediatePem : null, leaf, chain, dir.resolve("crls.pem"), issuerId, rootId));
            }
        }
        for (Case c : cases) { // after every revocation: the CRLs as published now
            String crls = plain().get("/crl/" + c.issuerId() + ".pem").text()
                    + (c.issuerId() != c.rootId() ? plain().get("/crl/" + c.rootId() + ".pem").text() : "");
            Files.writeString(c.crls(), crls);
        }
    }

    List<Case> cases() {
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void leafCarriesTheCrlAndOcspUrlsOfItsIssuer(Case c) {
        var text = Processes.run(List.of("openssl", "x509", "-in", c.leaf().toString(), "-noout", "-text")).stdout();
        assertThat(text).contains("URI:" + base() + "/crl/" + c.issuerId() + ".crl")
                .contains("OCSP - URI:" + base() + "/ocsp").contains("CA Issuers - URI:" + base() + "/crl/" + c.issuerId() + ".cer");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void opensslVerifyWithCrlFileSeesTheRevocation(Case c) {
        var result = RevocationCheckers.opensslVerify(c.root(), c.untrusted(), c.leaf(), c.crls(), false);
        assertVerdict(c, result.ok() && result.stdout().contains(": OK"), result.output(), "certificate revoked");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void opensslVerifyDownloadingTheCrlFromTheCertificateSeesTheRevocation(Case c) {
        var result = RevocationCheckers.opensslVerify(c.root(), c.untrusted(), c.leaf(), null, true);
        assertVerdict(c, result.ok() && result.stdout().contains(": OK"), result.output(), "certificate revoked");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void opensslOcspPostWithAndWithoutNonceVerifiesTheSignedStatus(Case c) {
        for (boolean nonce : new boolean[] {true, false}) {
            var result = RevocationCheckers.opensslOcsp(base() + "/ocsp", c.issuer(), c.leaf(), c.root(), c.untrusted(), nonce);
            assertThat(result.output()).as("nonce " + nonce).contains("Response verify OK")
                    .contains(c.leaf() + ": " + (c.revoked() ? "revoked" : "good")).doesNotContain("WARNING");
            if (c.revoked()) {
                assertThat(result.output()).contains("Reason: keyCompromise");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void opensslOcspRequestSentAsGetIsAnsweredAndVerified(Case c) {
        byte[] plain = RevocationCheckers.opensslRequest(c.dir(), c.issuer(), c.leaf(), false);
        var response = plain().get("/ocsp/" + URLEncoder.encode(Base64.getEncoder().encodeToString(plain), StandardCharsets.US_ASCII));
        assertThat(response.contentType()).isEqualTo("application/ocsp-response");
        assertThat(response.header("Cache-Control")).contains("max-age=").contains("public");
        assertThat(response.header("ETag")).isNotBlank();
        var checked = RevocationCheckers.opensslReadResponse(c.dir(), response.body(), null, c.issuer(), c.leaf(), c.root(), c.untrusted());
        assertThat(checked.output()).contains("Response verify OK").contains(c.leaf() + ": " + (c.revoked() ? "revoked" : "good"));

        byte[] withNonce = RevocationCheckers.opensslRequest(c.dir(), c.issuer(), c.leaf(), true);
        var nonceResponse = plain().get("/ocsp/" + URLEncoder.encode(Base64.getEncoder().encodeToString(withNonce), StandardCharsets.US_ASCII));
        assertThat(nonceResponse.header("Cache-Control")).isEqualTo("no-store");
        var nonceChecked = RevocationCheckers.opensslReadResponse(c.dir(), nonceResponse.body(), withNonce, c.issuer(), c.leaf(), c.root(),
                c.untrusted());
        assertThat(nonceChecked.output()).contains("Response verify OK").doesNotContain("nonce");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gnutlsCerttoolWithTheCrlsSeesTheRevocation(Case c) {
        var result = RevocationCheckers.certtool(c.root(), c.chain(), c.crls());
        assertVerdict(c, result.ok() && result.output().contains("Chain verification output: Verified"), result.output(), "revoked");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gnutlsOcsptoolAsksTheResponderInTheCertificate(Case c) {
        for (boolean nonce : new boolean[] {true, false}) {
            var result = RevocationCheckers.ocsptool(c.issuer(), c.leaf(), nonce);
            assertThat(result.output()).as("nonce " + nonce).contains("Verifying OCSP Response: Success")
                    .satisfies(out -> assertThat(out.contains("Nonce: ")).as("nonce echoed").isEqualTo(nonce))
                    .contains("Certificate Status: " + (c.revoked() ? "revoked" : "good"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void goParsesTheCrlAndTheOcspResponseAndAgrees(Case c) {
        var crl = RevocationCheckers.go("crl", base() + "/crl/" + c.issuerId() + ".crl", c.issuer(), c.leaf());
        assertThat(crl.ok()).as(crl.output()).isTrue();
        assertThat(crl.stdout()).contains(c.revoked() ? "revoked" : "good");
        var ocsp = RevocationCheckers.go("ocsp", base() + "/ocsp", c.issuer(), c.leaf());
        assertThat(ocsp.ok()).as(ocsp.output()).isTrue();
        assertThat(ocsp.stdout()).startsWith(c.revoked() ? "revoked reason=1" : "good");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void jdkPkixRevocationCheckerAgreesByOcspAndByCrl(Case c) throws Exception {
        for (boolean crlOnly : new boolean[] {false, true}) {
            String verdict = jdkPkix(c, crlOnly);
            if (c.revoked()) {
                assertThat(verdict).as(crlOnly ? "CRL" : "OCSP").contains("REVOKED");
            } else {
                assertThat(verdict).as(crlOnly ? "CRL" : "OCSP").isEqualTo("valid");
            }
        }
    }

    private String jdkPkix(Case c, boolean crlOnly) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        X509Certificate root = Pem.readCertificates("root", Files.readString(c.root())).get(0);
        List<X509Certificate> path = Pem.readCertificates("chain", Files.readString(c.chain()));
        CertPathValidator validator = CertPathValidator.getInstance("PKIX");
        PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
        // OCSP: the AIA URL in each certificate, no fallback; CRL: the CRLs published, no fallback to OCSP
        checker.setOptions(crlOnly ? EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS, PKIXRevocationChecker.Option.NO_FALLBACK)
                : EnumSet.of(PKIXRevocationChecker.Option.NO_FALLBACK));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.addCertPathChecker(checker);
        if (crlOnly) {
            List<X509CRL> crls = new ArrayList<>();
            for (var crl : factory.generateCRLs(Files.newInputStream(c.crls()))) {
                crls.add((X509CRL) crl);
            }
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls)));
        }
        try {
            validator.validate(factory.generateCertPath(path), parameters);
            return "valid";
        } catch (CertPathValidatorException e) {
            return e.getReason() + " " + e.getMessage();
        }
    }

    private void assertVerdict(Case c, boolean accepted, String output, String revokedWords) {
        if (c.revoked()) {
            assertThat(accepted).as(output).isFalse();
            assertThat(output).contains(revokedWords);
        } else {
            assertThat(accepted).as(output).isTrue();
        }
    }

    private String base() {
        return plain().base();
    }

    private static java.util.stream.Stream<tools.jackson.databind.JsonNode> stream(tools.jackson.databind.JsonNode array) {
        List<tools.jackson.databind.JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list.stream();
    }
}
