package dev.inkan.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.engine.CaSpec;
import dev.inkan.engine.CertificateIssuer;
import dev.inkan.engine.CertificateProfile;
import dev.inkan.engine.IssuingAuthority;
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
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Bad requests of every kind, each answered with the right status and an RFC 9457 problem+json body
 * naming the field at fault, and none of them changing anything in the database.
 */
@Tag("postgresql") // run again on PostgreSQL: the pom's surefire execution "postgresql"
class BadInputTests extends RunningService {

    /** One bad request. {@code {name}} placeholders in path and body are filled from {@link #fixtures()}. */
    record BadInput(String name, String method, String path, String contentType, byte[] body, int status, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final KeyPair CSR_KEY = KeyType.EC_P256.generate();
    private static Map<String, String> fixtures;

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void isRefusedWithProblemJsonAndChangesNothing(BadInput input) {
        Map<String, String> values = fixtures();
        String path = fill(input.path(), values);
        byte[] body = input.body() == null ? null : fill(new String(input.body(), StandardCharsets.ISO_8859_1), values)
                .getBytes(StandardCharsets.ISO_8859_1);
        String before = databaseState();

        ApiClient.Response response = input.name().contains("chunked")
                ? api().postChunked(path, input.contentType(), body)
                : api().send(input.method(), path, input.contentType(), body);

        assertThat(response.status()).as(response.toString()).isEqualTo(input.status());
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).isEqualTo(input.status());
        assertThat(problem.path("title").asString()).isNotEmpty();
        assertThat(problem.path("detail").asString()).as(response.toString()).isNotEmpty();
        if (input.field() != null) {
            assertThat(problem.path("errors").get(0).path("field").asString()).as(response.toString()).isEqualTo(input.field());
            assertThat(problem.path("errors").get(0).path("message").asString()).isNotEmpty();
        }
        assertThat(databaseState()).as("certificates/CAs/audit/revoked/keyless").isEqualTo(before);
    }

    /** Certificates and CAs the cases refer to, made once. */
    private synchronized Map<String, String> fixtures() {
        if (fixtures != null) {
            return fixtures;
        }
        Map<String, String> values = new HashMap<>();
        String csr = Pem.encode(SigningRequest.create(CSR_KEY, LeafSpec.of("fixture.test", List.of(), List.of(), CertificateProfile.SERVER, 30)));
        values.put("csrCert", api().post("/api/v1/certificates/csr", "{\"csr\":" + ApiClient.quote(csr) + "}").json().path("id").asString());
        JsonNode keyCert = api().post("/api/v1/certificates", "{\"dnsNames\":[\"fixture.test\"]}").json();
        values.put("keyCert", keyCert.path("id").asString());
        values.put("leafPem", json(keyCert.path("certificatePem").asString()));
        values.put("leafKeyPem", json(keyCert.path("privateKeyPem").asString()));
        String revoked = api().post("/api/v1/certificates", "{\"dnsNames\":[\"revoked.fixture.test\"]}").json().path("id").asString();
        api().post("/api/v1/certificates/" + revoked + "/revoke", null);
        values.put("revokedCert", revoked);
        values.put("constrainedCa", api().post("/api/v1/cas", "{\"name\":\"Fixture Corp CA\",\"permittedDnsDomains\":[\"corp.test\"]}")
                .json().path("id").asString());
        JsonNode root = api().get("/api/v1/cas").json().get(0);
        values.put("leafOnlyCa", api().post("/api/v1/cas", "{\"name\":\"Fixture Intermediate\",\"parentId\":" + root.path("id").asLong() + "}")
                .json().path("id").asString());
        values.put("rootPem", json(root.path("certificatePem").asString()));
        values.put("otherKeyPem", json(Pem.encode(KeyType.EC_P256.generate().getPrivate())));
        values.put("encryptedKeyPem", json(Pem.encodeEncrypted(KeyType.EC_P256.generate().getPrivate(), "pw".toCharArray())));
        KeyPair strangerKey = KeyType.EC_P256.generate();
        KeyPair subKey = KeyType.EC_P256.generate();
        var stranger = CertificateIssuer.selfSignedRoot(CaSpec.root("Stranger Root", 100), strangerKey, Instant.now());
        var sub = CertificateIssuer.intermediate(CaSpec.root("Stranger Sub", 50), subKey.getPublic(),
                IssuingAuthority.of(List.of(stranger), strangerKey.getPrivate()), Instant.now());
        values.put("unchainedPem", json(Pem.encode(sub)));
        values.put("unchainedKeyPem", json(Pem.encode(subKey.getPrivate())));
        fixtures = values;
        return values;
    }

    static List<BadInput> badInputs() throws Exception {
        List<BadInput> cases = new ArrayList<>();
        String certs = "/api/v1/certificates";
        // --- issuing: malformed JSON and wrong types (400)
        cases.add(json("malformed JSON", certs, "{\"dnsNames\": [", 400, "body"));
        cases.add(json("JSON array instead of object", certs, "[]", 400, "body"));
        cases.add(json("empty body", certs, "", 400, "body"));
        cases.add(json("dnsNames as a string", certs, "{\"dnsNames\":\"app.test\"}", 400, "dnsNames"));
        cases.add(json("validityDays as text", certs, "{\"dnsNames\":[\"app.test\"],\"validityDays\":\"abc\"}", 400, "validityDays"));
        cases.add(json("validityDays as a fraction", certs, "{\"dnsNames\":[\"app.test\"],\"validityDays\":1.5}", 400, "validityDays"));
        cases.add(json("validityDays beyond int", certs, "{\"dnsNames\":[\"app.test\"],\"validityDays\":99999999999}", 400, "validityDays"));
        cases.add(json("caId as text", certs, "{\"dnsNames\":[\"app.test\"],\"caId\":\"abc\"}", 400, "caId"));
        cases.add(json("misspelt field", certs, "{\"dnsname\":[\"app.test\"]}", 400, "dnsname"));
        // --- issuing: invalid names and values (400)
        cases.add(json("no name at all", certs, "{}", 400, "commonName"));
        cases.add(json("empty SAN list", certs, "{\"dnsNames\":[]}", 400, "commonName"));
        cases.add(json("empty DNS name", certs, "{\"dnsNames\":[\"\"]}", 400, "dnsNames"));
        cases.add(json("null DNS name", certs, "{\"dnsNames\":[null]}", 400, "dnsNames"));
        cases.add(json("huge SAN list (101 names)", certs, "{\"dnsNames\":[" + IntStream.range(0, 101)
                .mapToObj(i -> "\"h" + i + ".test\"").collect(Collectors.joining(",")) + "]}", 400, "dnsNames"));
        cases.add(json("name with a space", certs, "{\"dnsNames\":[\"my host.test\"]}", 400, "dnsNames"));
        cases.add(json("label over 63 characters", certs, "{\"dnsNames\":[\"" + "a".repeat(64) + ".test\"]}", 400, "dnsNames"));
        cases.add(json("name over 253 characters", certs, "{\"dnsNames\":[\"" + "abcdefghi.".repeat(30) + "test\"]}", 400, "dnsNames"));
        cases.add(json("name over 1024 characters", certs, "{\"dnsNames\":[\"" + "a".repeat(2000) + "\"]}", 400, "dnsNames"));
        cases.add(json("IDN homograph (Cyrillic a)", certs, "{\"dnsNames\":[\"p\u0430ypal.test\"]}", 400, "dnsNames"));
        cases.add(json("wildcard not left-most", certs, "{\"dnsNames\":[\"a.*.test\"]}", 400, "dnsNames"));
        cases.add(json("double wildcard", certs, "{\"dnsNames\":[\"*.*.test\"]}", 400, "dnsNames"));
        cases.add(json("label starting with a hyphen", certs, "{\"dnsNames\":[\"-bad.test\"]}", 400, "dnsNames"));
        cases.add(json("all-digit top-level label", certs, "{\"dnsNames\":[\"app.123\"]}", 400, "dnsNames"));
        cases.add(json("IPv4 out of range", certs, "{\"ipAddresses\":[\"999.1.1.1\"]}", 400, "ipAddresses"));
        cases.add(json("IP with a port", certs, "{\"ipAddresses\":[\"127.0.0.1:8080\"]}", 400, "ipAddresses"));
        cases.add(json("IPv6 with a zone id", certs, "{\"ipAddresses\":[\"fe80::1%eth0\"]}", 400, "ipAddresses"));
        cases.add(json("host name as an IP", certs, "{\"ipAddresses\":[\"app.test\"]}", 400, "ipAddresses"));
        cases.add(json("common name over 64 characters", certs, "{\"commonName\":\"" + "c".repeat(60) + ".test\"}", 400, "commonName"));
        cases.add(json("common name with a NUL", certs, "{\"commonName\":\"app\\u0000.test\"}", 400, "commonName"));
        cases.add(json("unknown profile", certs, "{\"dnsNames\":[\"app.test\"],\"profile\":\"webserver\"}", 400, "profile"));
        cases.add(json("unknown key type", certs, "{\"dnsNames\":[\"app.test\"],\"keyType\":\"dsa-1024\"}", 400, "keyType"));
        cases.add(json("validity of 0 days", certs, "{\"dnsNames\":[\"app.test\"],\"validityDays\":0}", 400, "validityDays"));
        cases.add(json("negative validity", certs, "{\"dnsNames\":[\"app.test\"],\"validityDays\":-5}", 400, "validityDays"));
        cases.add(json("caId 0", certs, "{\"dnsNames\":[\"app.test\"],\"caId\":0}", 400, "caId"));
        // --- issuing: refused by policy (422) and unknown CA (404)
        cases.add(json("validity over Apple's 825 days", certs, "{\"dnsNames\":[\"app.test\"],\"validityDays\":826}", 422, "validityDays"));
        cases.add(json("absurd validity", certs, "{\"dnsNames\":[\"app.test\"],\"validityDays\":100000}", 422, "validityDays"));
        cases.add(json("wildcard over a public suffix *.com", certs, "{\"dnsNames\":[\"*.com\"]}", 422, "dnsNames"));
        cases.add(json("wildcard over *.co.uk", certs, "{\"dnsNames\":[\"*.co.uk\"]}", 422, "dnsNames"));
        cases.add(json("Ed25519 TLS server certificate", certs, "{\"dnsNames\":[\"ed.test\"],\"keyType\":\"ed25519\"}", 422, "keyType"));
        cases.add(json("name outside the CA's name constraints", certs, "{\"dnsNames\":[\"evil.example\"],\"caId\":{constrainedCa}}", 422, "dnsNames"));
        cases.add(json("unknown CA", certs, "{\"dnsNames\":[\"app.test\"],\"caId\":999999}", 404, "caId"));
        // --- CSR signing
        String csrPath = certs + "/csr";
        cases.add(json("CSR missing", csrPath, "{}", 400, "csr"));
        cases.add(json("CSR not PEM", csrPath, "{\"csr\":\"hello\"}", 400, "csr"));
        cases.add(json("CSR with a broken signature", csrPath, "{\"csr\":" + ApiClient.quote(brokenSignatureCsr()) + "}", 400, "csr"));
        cases.add(json("CSR asking for CA:TRUE", csrPath, "{\"csr\":" + ApiClient.quote(Pem.encode(caCsr())) + "}", 422, "csr"));
        cases.add(json("CSR for *.com", csrPath, "{\"csr\":" + ApiClient.quote(Pem.encode(csr("*.com", "*.com"))) + "}", 422, "csr"));
        cases.add(json("CSR with validity over 825 days", csrPath, "{\"csr\":" + ApiClient.quote(Pem.encode(csr("ok.test", "ok.test")))
                + ",\"validityDays\":900}", 422, "validityDays"));
        cases.add(json("CSR for an unknown CA", csrPath, "{\"csr\":" + ApiClient.quote(Pem.encode(csr("ok.test", "ok.test")))
                + ",\"caId\":999999}", 404, "caId"));
        cases.add(new BadInput("raw pkcs10 that is not a CSR", "POST", csrPath, "application/pkcs10",
                "not a csr".getBytes(StandardCharsets.US_ASCII), 400, "csr"));
        cases.add(new BadInput("raw pkcs10 DER that is truncated", "POST", csrPath, "application/pkcs10",
                new byte[] {0x30, 0x03, 1, 2, 3}, 400, "csr"));
        // --- searching
        cases.add(get("unknown status filter", certs + "?status=bogus", 400, "status"));
        cases.add(get("page size 0", certs + "?size=0", 400, "size"));
        cases.add(get("page size over 500", certs + "?size=501", 400, "size"));
        cases.add(get("negative page", certs + "?page=-1", 400, "page"));
        cases.add(get("unknown sort", certs + "?sort=name", 400, "sort"));
        cases.add(get("negative expiringWithinDays", certs + "?expiringWithinDays=-1", 400, "expiringWithinDays"));
        cases.add(get("caId filter as text", certs + "?caId=abc", 400, "caId"));
        cases.add(get("search text over 253 characters", certs + "?q=" + "q".repeat(300), 400, "q"));
        // --- one certificate
        cases.add(get("unknown certificate", certs + "/999999", 404, "id"));
        cases.add(get("certificate id as text", certs + "/abc", 400, "id"));
        cases.add(get("unknown download file", certs + "/{keyCert}/bogus.pem", 404, "file"));
        cases.add(get("key.pem of a CSR-signed certificate", certs + "/{csrCert}/key.pem", 409, "key"));
        cases.add(json("PKCS#12 without a password", certs + "/{keyCert}/pkcs12", "{}", 400, "password"));
        cases.add(json("PKCS#12 password too short", certs + "/{keyCert}/pkcs12", "{\"password\":\"abc\"}", 400, "password"));
        cases.add(json("PKCS#12 unknown encryption", certs + "/{keyCert}/pkcs12", "{\"password\":\"secret\",\"encryption\":\"rc2\"}", 400, "encryption"));
        cases.add(json("PKCS#12 of a certificate without a stored key", certs + "/{csrCert}/pkcs12", "{\"password\":\"secret\"}", 409, "key"));
        cases.add(json("PKCS#12 of an unknown certificate", certs + "/999999/pkcs12", "{\"password\":\"secret\"}", 404, "id"));
        cases.add(json("unknown revocation reason", certs + "/{keyCert}/revoke", "{\"reason\":\"because\"}", 400, "reason"));
        cases.add(json("certificateHold is not offered", certs + "/{keyCert}/revoke", "{\"reason\":\"certificateHold\"}", 400, "reason"));
        cases.add(json("revoking an unknown certificate", certs + "/999999/revoke", "{\"reason\":\"superseded\"}", 404, "id"));
        cases.add(json("revoking twice", certs + "/{revokedCert}/revoke", "{\"reason\":\"superseded\"}", 409, "id"));
        cases.add(new BadInput("deleting a key never stored", "DELETE", certs + "/{csrCert}/key", null, null, 409, "key"));
        cases.add(new BadInput("deleting the key of an unknown certificate", "DELETE", certs + "/999999/key", null, null, 404, "id"));
        // --- CAs
        String cas = "/api/v1/cas";
        cases.add(json("CA without a name", cas, "{\"name\":\"\"}", 400, "name"));
        cases.add(json("CA name over 64 characters", cas, "{\"name\":\"" + "n".repeat(65) + "\"}", 400, "name"));
        cases.add(json("CA with an unknown key type", cas, "{\"name\":\"X\",\"keyType\":\"dsa\"}", 400, "keyType"));
        cases.add(json("CA validity of 0 days", cas, "{\"name\":\"X\",\"validityDays\":0}", 400, "validityDays"));
        cases.add(json("CA validity over 100 years", cas, "{\"name\":\"X\",\"validityDays\":40000}", 400, "validityDays"));
        cases.add(json("intermediate under an unknown CA", cas, "{\"name\":\"X\",\"parentId\":999999}", 404, "parentId"));
        cases.add(json("intermediate under a CA with path length 0", cas, "{\"name\":\"X\",\"parentId\":{leafOnlyCa}}", 422, "parentId"));
        cases.add(json("wildcard as a permitted domain", cas, "{\"name\":\"X\",\"permittedDnsDomains\":[\"*.corp.test\"]}", 400, "permittedDnsDomains"));
        cases.add(json("bad CIDR prefix", cas, "{\"name\":\"X\",\"permittedDnsDomains\":[\"corp.test\"],\"permittedIpRanges\":[\"10.0.0.0/99\"]}",
                400, "permittedDnsDomains"));
        cases.add(json("IP ranges without a domain", cas, "{\"name\":\"X\",\"permittedIpRanges\":[\"10.0.0.0/8\"]}", 400, "permittedDnsDomains"));
        cases.add(get("unknown CA id", cas + "/999999", 404, "id"));
        cases.add(get("certificate of an unknown CA", cas + "/999999/certificate", 404, "id"));
        String imports = cas + "/import";
        cases.add(json("import of a certificate that does not parse", imports,
                "{\"certificatePem\":\"-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\",\"privateKeyPem\":{otherKeyPem}}", 400, "certificatePem"));
        cases.add(json("import without a key", imports, "{\"certificatePem\":{rootPem}}", 400, "privateKeyPem"));
        cases.add(json("import of a leaf certificate as a CA", imports, "{\"certificatePem\":{leafPem},\"privateKeyPem\":{leafKeyPem}}", 422, "certificatePem"));
        cases.add(json("import with a key that is not the CA's", imports, "{\"certificatePem\":{rootPem},\"privateKeyPem\":{otherKeyPem}}", 422, "certificatePem"));
        cases.add(json("import of an encrypted key without its password", imports, "{\"certificatePem\":{rootPem},\"privateKeyPem\":{encryptedKeyPem}}",
                400, "privateKeyPem"));
        cases.add(json("import of a CA whose issuer is unknown", imports, "{\"certificatePem\":{unchainedPem},\"privateKeyPem\":{unchainedKeyPem}}",
                400, "certificatePem"));
        // --- protocol
        cases.add(new BadInput("wrong method", "PUT", certs, "application/json", "{}".getBytes(StandardCharsets.US_ASCII), 405, null));
        cases.add(new BadInput("wrong media type", "POST", certs, "text/plain", "app.test".getBytes(StandardCharsets.US_ASCII), 415, null));
        cases.add(new BadInput("unknown API path", "GET", "/api/v1/nothing", null, null, 404, null));
        byte[] huge = ("{\"dnsNames\":[\"" + "a".repeat(100_000) + "\"]}").getBytes(StandardCharsets.US_ASCII);
        cases.add(new BadInput("oversize body with Content-Length", "POST", certs, "application/json", huge, 413, "body"));
        cases.add(new BadInput("oversize body, chunked", "POST", certs, "application/json", huge, 413, "body"));
        return cases;
    }

    private static BadInput json(String name, String path, String body, int status, String field) {
        return new BadInput(name, "POST", path, "application/json", body.getBytes(StandardCharsets.UTF_8), status, field);
    }

    private static BadInput get(String name, String path, int status, String field) {
        return new BadInput(name, "GET", path, null, null, status, field);
    }

    private static String json(String text) {
        return ApiClient.quote(text);
    }

    private static String fill(String text, Map<String, String> values) {
        String result = text;
        for (var entry : values.entrySet()) {
            result = result.replace("{" + entry.getKey() + "}", entry.getValue());
        }
        return result;
    }

    private static PKCS10CertificationRequest csr(String cn, String dns) throws Exception {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, dns)));
        return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + cn), CSR_KEY.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(CSR_KEY.getPrivate()));
    }

    private static PKCS10CertificationRequest caCsr() throws Exception {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, "sub.test")));
        return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=Sneaky Sub CA"), CSR_KEY.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(CSR_KEY.getPrivate()));
    }

    private static String brokenSignatureCsr() throws Exception {
        byte[] der = csr("ok.test", "ok.test").getEncoded();
        // flip a bit inside the subject's CN: the self-signature no longer matches
        String text = new String(der, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("ok.test");
        der[at] ^= 0x01;
        return "-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END CERTIFICATE REQUEST-----\n";
    }
}
