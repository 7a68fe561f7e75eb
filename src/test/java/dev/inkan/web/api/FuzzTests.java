package dev.inkan.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.engine.CertificateProfile;
import dev.inkan.engine.KeyType;
import dev.inkan.engine.LeafSpec;
import dev.inkan.engine.Pem;
import dev.inkan.engine.SigningRequest;
import dev.inkan.testing.ApiClient;
import dev.inkan.testing.RunningService;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Mutated requests to every {@code /api/v1} endpoint: random and boundary values, wrong types,
 * nulls, huge numbers and strings, invalid UTF-8, lone UTF-16 surrogates, deep nesting. Never a 5xx;
 * every 4xx is problem+json; a refused request changes nothing. Seeded: the seed is printed, and
 * {@code -Dinkan.fuzz.seed=N} replays a run.
 */
class FuzzTests extends RunningService {

    private static final int CASES = Integer.getInteger("inkan.fuzz.cases", 2500);

    private static final String[] STRINGS = {"", " ", "a", "*.com", "*", "..", "../../etc/passwd", "app.test", "127.0.0.1", "::1",
            "999.1.1.1", "-1", "0", "2147483648", "1e309", "NaN", "null", "true", "ecdsa-p256", "server", "keyCompromise", "ünïcödé.test",
            "xn--", "a\u0000b", "line\nbreak", "\u202e", "\uFEFF", "<script>", "$(touch x)", "'", "\"", "\\", "%00", "€".repeat(3000)};
    private static final String[] RAW_VALUES = {"null", "true", "false", "0", "-1", "1", "2147483648", "-9223372036854775809",
            "99999999999999999999999999", "1e309", "-1e309", "1.5", "0.0000001", "[]", "{}", "[null]", "[1,2]", "{\"a\":1}",
            "\"\\ud800\"", "\"\\udfff.test\"", "\"a\\ud800b\"", "[\"\\ud83d\"]", "\"\\u0000\"", "\"" + "x".repeat(70_000) + "\""};

    // Not sent: a path with an encoded NUL (%00) or broken percent-encoding (Tomcat's connector refuses those
    // before any servlet; ProblemErrorReportValve answers them as problem+json too).
    private Random random;
    private long cert;
    private long caId;
    private String csrPem;

    private record Case(String description, Supplier<ApiClient.Response> request) {
        ApiClient.Response send() {
            return request.get();
        }
    }

    @Test
    void noMutatedRequestEndsInA5xxAndRefusalsAreProblemsThatChangeNothing() {
        long seed = Long.getLong("inkan.fuzz.seed", System.nanoTime());
        System.out.println("FuzzTests seed: " + seed + " (replay with -Dinkan.fuzz.seed=" + seed + ")");
        random = new Random(seed);
        ApiClient.Response issued = api().post("/api/v1/certificates", "{\"commonName\":\"fuzz.test\"}");
        assertThat(issued.status()).isEqualTo(201);
        cert = issued.json().path("id").asLong();
        caId = issued.json().path("caId").asLong();
        csrPem = Pem.encode(SigningRequest.create(KeyType.EC_P256.generate(),
                LeafSpec.of("csr.fuzz.test", List.of(), List.of(), CertificateProfile.SERVER, 30)));

        List<Supplier<Case>> endpoints = List.of(
                () -> json("POST", "/api/v1/certificates", "{\"commonName\":\"f.test\",\"dnsNames\":[\"www.f.test\"],"
                        + "\"ipAddresses\":[\"127.0.0.1\"],\"profile\":\"server\",\"keyType\":\"ecdsa-p256\",\"validityDays\":30,\"caId\":" + caId + "}"),
                () -> json("POST", "/api/v1/certificates/csr", "{\"csr\":" + ApiClient.quote(csrPem) + ",\"profile\":\"server\","
                        + "\"validityDays\":30,\"caId\":" + caId + "}"),
                () -> raw("POST", "/api/v1/certificates/csr?validityDays=" + value() + "&profile=" + value(), "application/pkcs10",
                        mutateBytes(csrPem.getBytes(StandardCharsets.US_ASCII))),
                () -> raw("GET", "/api/v1/certificates?q=" + value() + "&status=" + value() + "&page=" + value() + "&size=" + value()
                        + "&sort=" + value() + "&caId=" + value() + "&expiringWithinDays=" + value(), null, null),
                () -> raw("GET", "/api/v1/certificates/" + id() + pick("", "/cert.pem", "/chain.pem", "/fullchain.pem", "/key.pem",
                        "/x.pem", "/bundle.zip?encryption=" + value() + "&namespace=" + value() + "&secretName=" + value()
                        + "&secretCa=" + value()), null, null),
                () -> json("POST", "/api/v1/certificates/" + id() + "/pkcs12", "{\"password\":\"fuzz-password-1\",\"encryption\":\"modern\"}"),
                () -> json("POST", "/api/v1/certificates/" + id() + "/revoke", "{\"reason\":\"" + pick("bogus", "", "keyCompromise-x") + "\"}"),
                () -> raw("DELETE", "/api/v1/certificates/" + pick("0", "-1", "abc", "99999999", "1e3", "%20") + "/key", null, null),
                () -> json("POST", "/api/v1/cas", "{\"name\":\"Fuzz CA\",\"keyType\":\"ecdsa-p256\",\"validityDays\":30,"
                        + "\"permittedDnsDomains\":[\"fuzz.test\"],\"permittedIpRanges\":[\"10.0.0.0/8\"],\"pathLength\":0,\"parentId\":" + caId + "}"),
                () -> json("POST", "/api/v1/cas/import", "{\"certificatePem\":" + ApiClient.quote(csrPem) + ",\"privateKeyPem\":\"x\","
                        + "\"keyPassword\":null,\"name\":\"Imported\"}"),
                () -> raw("GET", "/api/v1/cas/" + id() + pick("", "/certificate"), null, null));

        List<String> tomcatRejected = new ArrayList<>();
        int cases = 0;
        int refused = 0;
        for (int i = 0; i < CASES; i++) {
            Case request = endpoints.get(random.nextInt(endpoints.size())).get();
            String before = databaseState();
            ApiClient.Response response = request.send();
            cases++;
            assertThat(response.status()).as("seed %d case %d: %s", seed, i, response).isLessThan(500);
            if (response.status() == 400 && response.text().contains("before Inkan read it")) {
                // Tomcat's connector refused the request line before any servlet ran (ProblemErrorReportValve)
                tomcatRejected.add(request.description());
            }
            if (response.status() >= 400) {
                refused++;
                assertThat(response.header("Content-Type")).as("seed %d case %d: %s", seed, i, response)
                        .startsWith("application/problem+json");
                assertThat(databaseState()).as("seed %d case %d changed the database: %s", seed, i, response).isEqualTo(before);
            }
        }
        System.out.println("FuzzTests: " + cases + " cases, " + refused + " refused as problem+json, none 5xx; "
                + tomcatRejected.size() + " of them by Tomcat's connector (request line over its limit), also as problem+json");
        assertThat(refused).isGreaterThan(cases / 2);
    }

    /** A JSON request with one mutation: a field's value replaced, the text damaged, or the body swapped. */
    private Case json(String method, String path, String valid) {
        String body = valid;
        String contentType = "application/json";
        switch (random.nextInt(8)) {
            case 0, 1, 2 -> body = replaceAField(valid);
            case 3 -> body = valid.substring(0, random.nextInt(valid.length()));
            case 4 -> body = "[".repeat(1 + random.nextInt(20_000)) + "]".repeat(random.nextInt(3));
            case 5 -> contentType = pick("text/plain", "application/xml", "application/json; charset=latin1", null, "application/pkcs10");
            case 6 -> {
                byte[] bytes = mutateBytes(valid.getBytes(StandardCharsets.UTF_8));
                return raw(method, path, contentType, bytes);
            }
            default -> body = "{\"" + pick("commonName", "csr", "name", "reason", "password") + "\":" + pick(RAW_VALUES) + "}";
        }
        return raw(method, path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private String replaceAField(String valid) {
        List<int[]> values = new ArrayList<>();
        var matcher = java.util.regex.Pattern.compile("\":(\"(?:[^\"\\\\]|\\\\.)*\"|\\[[^\\]]*]|[^,}]+)").matcher(valid);
        while (matcher.find()) {
            values.add(new int[] {matcher.start(1), matcher.end(1)});
        }
        int[] span = values.get(random.nextInt(values.size()));
        String replacement = random.nextBoolean() ? pick(RAW_VALUES) : ApiClient.quote(pick(STRINGS));
        return valid.substring(0, span[0]) + replacement + valid.substring(span[1]);
    }

    private byte[] mutateBytes(byte[] bytes) {
        byte[] copy = bytes.clone();
        int changes = 1 + random.nextInt(4);
        for (int i = 0; i < changes && copy.length > 0; i++) {
            int at = random.nextInt(copy.length);
            copy[at] = (byte) pickInt(0xFF, 0xC3, 0xC0, 0x80, 0xED, 0xA0, 0x00, random.nextInt(256));
        }
        return copy;
    }

    private Case raw(String method, String path, String contentType, byte[] body) {
        return new Case(method + " " + path + " (" + contentType + ")", () -> api().send(method, path, contentType, body));
    }

    private String value() {
        return java.net.URLEncoder.encode(random.nextInt(4) == 0 ? "" : pick(STRINGS), StandardCharsets.UTF_8)
                .replace("%E2%82%AC", random.nextInt(8) == 0 ? "%E2%82" : "%E2%82%AC");
    }

    private String id() {
        return pick(String.valueOf(cert), String.valueOf(caId), "0", "-1", "9223372036854775808", "abc", "1.5", "%20", String.valueOf(cert + 1000));
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    private int pickInt(int... options) {
        return options[random.nextInt(options.length)];
    }
}
