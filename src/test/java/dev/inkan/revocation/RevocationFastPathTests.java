package dev.inkan.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.testing.ApiClient;
import dev.inkan.testing.RevocationCheckers;
import dev.inkan.testing.RunningService;
import dev.inkan.testing.Tools;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.junit.jupiter.api.Test;

/**
 * Cached OCSP and CRL answers sent ahead of the servlet container on the plain-HTTP connector
 * ({@code web.api.RevocationFastPath}): the same bytes and headers as the servlet path, 304 on a matching ETag, a new CRL
 * served at once, never a session, and everything else still through Spring Security and the plain-HTTP policy.
 */
class RevocationFastPathTests extends RunningService {

    private static final List<String> SAME_HEADERS = List.of("ETag", "Last-Modified", "Content-Type",
            "Content-Length", "X-Content-Type-Options");

    @Test
    void repeatedOcspGetIsAnsweredFromMemoryWithTheServletPathsBytesAndHeaders() throws Exception {
        String path = ocspGetPath();
        var first = plain().get(path); // servlet path: parses, signs, caches
        assertThat(first.status()).isEqualTo(200);
        // The CA's epoch is re-read only once the last read is older than the epoch check: after a pause longer than
        // that, the round's first GET goes to a worker, which reads it, and the two requests after it are timed from there.
        List<ApiClient.Response> fromMemory = withinOneEpochCheck("ocsp", 2, () -> sleep(1_200), () -> {
            var confirmed = plain().get(path);
            assertThat(confirmed.body()).isEqualTo(first.body());
            var again = plain().get(path);
            var notModified = anonymous().send(HttpRequest.newBuilder(URI.create(plain().base() + path))
                    .header("If-None-Match", first.header("ETag")).GET(), null);
            return List.of(again, notModified);
        });
        var again = fromMemory.get(0);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        for (String header : SAME_HEADERS) {
            assertThat(again.header(header)).as(header).isEqualTo(first.header(header)).isNotBlank();
        }
        assertThat(again.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(again.header("Expires")).isEqualTo(first.header("Expires"));
        assertThat(again.header("Cache-Control")).matches("max-age=\\d+, public, no-transform, must-revalidate");
        assertThat(RevocationEndpointsTests.basic(again.body()).getResponses()[0].getCertStatus()).isNull(); // good

        var notModified = fromMemory.get(1);
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
    }

    /**
     * Once the CA's revocation epoch was last read more than {@code ocsp-epoch-check} (1 s) ago, the next GET is not
     * answered from memory: the cache must not read the database there (it runs on Tomcat's poller thread, which a slow
     * PostgreSQL would stall for every connection); a worker reads the epoch, and the GET after it is from memory again.
     */
    @Test
    void aCachedOcspAnswerWhoseEpochCheckIsDueGoesToAWorkerOnce() throws Exception {
        String path = ocspGetPath();
        var first = plain().get(path);
        assertThat(first.status()).isEqualTo(200);
        List<ApiClient.Response> answers = withinOneEpochCheck("ocsp", 1, () -> sleep(1_200),
                () -> List.of(plain().get(path), plain().get(path)));
        assertThat(answers).allSatisfy(answer -> assertThat(answer.body()).isEqualTo(first.body()));
    }

    @Test
    void crlIsServedFromMemoryWithTheServletPathsHeadersAndANewCrlAtOnce() {
        long caId = api().get("/api/v1/cas").json().get(0).get("id").asLong();
        var first = plain().get("/crl/" + caId + ".crl");
        List<ApiClient.Response> fromMemory = withinOneEpochCheck("crl", 2, () -> {
            // a conditional request takes the servlet path, which confirms the CRL in memory as the latest
            plain().send(HttpRequest.newBuilder(URI.create(plain().base() + "/crl/" + caId + ".crl"))
                    .header("If-None-Match", "\"other\"").GET(), null);
            return List.of(plain().get("/crl/" + caId + ".crl"), plain().get("/crl/" + caId + ".pem"));
        });
        var der = fromMemory.get(0);
        var pem = fromMemory.get(1);
        assertThat(der.body()).isEqualTo(first.body());
        for (String header : SAME_HEADERS) {
            assertThat(der.header(header)).as(header).isEqualTo(first.header(header)).isNotBlank();
        }
        assertThat(der.header("Cache-Control")).isEqualTo(first.header("Cache-Control")).startsWith("max-age=");
        assertThat(der.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(pem.contentType()).startsWith("application/x-pem-file");
        assertThat(pem.text()).startsWith("-----BEGIN X509 CRL-----");

        long issued = api().post("/api/v1/cas/" + caId + "/crl", null).json().get("number").asLong();
        var fresh = plain().get("/crl/" + caId + ".crl");
        assertThat(fresh.header("ETag")).as("the CRL issued a moment ago, not the one held in memory").isEqualTo("\"crl-" + issued + "\"");
        var conditional = anonymous().send(HttpRequest.newBuilder(URI.create(plain().base() + "/crl/" + caId + ".crl"))
                .header("If-None-Match", fresh.header("ETag")).GET(), null);
        assertThat(conditional.status()).as("conditional requests take the servlet path, which answers 304").isEqualTo(304);
        assertThat(plain().get("/crl/999999.crl").status()).isEqualTo(404);
    }

    @Test
    void revocationAnswersNeverCreateASessionOrSetACookie() throws Exception {
        String path = ocspGetPath();
        long caId = api().get("/api/v1/cas").json().get(0).get("id").asLong();
        long sessions = sessions();
        List<ApiClient.Response> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            answers.add(plain().get(path));
            answers.add(plain().get("/crl/" + caId + ".crl"));
            answers.add(plain().get("/crl/" + caId + ".pem"));
            answers.add(plain().send("POST", "/ocsp", "application/ocsp-request", Base64.getDecoder().decode(
                    java.net.URLDecoder.decode(path.substring("/ocsp/".length()), StandardCharsets.US_ASCII))));
        }
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Set-Cookie")).isEmpty();
        });
        assertThat(sessions()).isEqualTo(sessions);
    }

    @Test
    void everythingElseStillPassesSpringSecurityAndThePlainHttpPolicy() {
        assertThat(anonymous().get("/api/v1/cas").status()).as("HTTPS API without a token").isEqualTo(401);
        var plainApi = plain().get("/api/v1/cas");
        assertThat(plainApi.status()).as("plain HTTP sends the API to HTTPS").isEqualTo(308);
        long caId = api().get("/api/v1/cas").json().get(0).get("id").asLong();
        plain().get("/crl/" + caId + ".crl");
        var withCredential = plain().withToken("some-token").get("/crl/" + caId + ".crl");
        assertThat(withCredential.status()).as("a credential over plain HTTP is refused, also for a cached CRL").isEqualTo(403);
        var longPath = plain().get("/ocsp/" + "A".repeat(5000));
        assertThat(RevocationEndpointsTests.ocspStatus(longPath.body())).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        var hugePath = plain().get("/ocsp/" + "A".repeat(10_000)); // past Tomcat's 8 KiB request head
        assertThat(hugePath.status()).as("refused, never a 5xx").isBetween(400, 499);
        var garbage = plain().get("/ocsp/" + Base64.getEncoder().encodeToString("garbage".getBytes()));
        assertThat(RevocationEndpointsTests.ocspStatus(garbage.body())).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        assertThat(RevocationEndpointsTests.ocspStatus(plain().get("/ocsp/" + Base64.getEncoder().encodeToString("garbage".getBytes()))
                .body())).as("errors are never cached as answers").isEqualTo(OCSPResp.MALFORMED_REQUEST);
    }

    private String ocspGetPath() throws Exception {
        var issued = api().post("/api/v1/certificates", "{\"commonName\":\"fast-path.test\"}");
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        Path dir = Files.createTempDirectory(Tools.buildDir(), "ocsp-fast");
        Path root = Files.writeString(dir.resolve("root.pem"), api().get("/ca.pem").text());
        Path leaf = Files.writeString(dir.resolve("leaf.pem"), issued.json().get("certificatePem").asText());
        return "/ocsp/" + URLEncoder.encode(Base64.getEncoder().encodeToString(RevocationCheckers.opensslRequest(dir, root, leaf, false)),
                StandardCharsets.US_ASCII);
    }

    /**
     * Runs {@code requests} and checks that exactly {@code fromMemory} of their answers were counted as sent from memory.
     * What memory holds is trusted for {@code ocsp-epoch-check} (1 s) after a worker last checked it against the database
     * (a CRL: each servlet-path request confirms it the latest; an OCSP answer: its CA's epoch, re-read by a worker only
     * once the last read is older than that), so each round must start that check itself; on a machine so busy that a
     * round took longer than that, a worker may rightly answer, so such a round is tried again (five times at most).
     */
    private List<ApiClient.Response> withinOneEpochCheck(String endpoint, int fromMemory,
                                                         java.util.function.Supplier<List<ApiClient.Response>> requests) {
        return withinOneEpochCheck(endpoint, fromMemory, () -> {}, requests);
    }

    /** As above, {@code prepare} run before each round, outside its time. */
    private List<ApiClient.Response> withinOneEpochCheck(String endpoint, int fromMemory, Runnable prepare,
                                                         java.util.function.Supplier<List<ApiClient.Response>> requests) {
        for (int round = 1; ; round++) {
            prepare.run();
            double before = cachedAnswers(endpoint);
            long start = System.nanoTime();
            List<ApiClient.Response> answers = requests.get();
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            double counted = cachedAnswers(endpoint) - before;
            if (tookMillis < 800 || round == 5) {
                assertThat(tookMillis).as("a round of requests within the epoch check, in five tries").isLessThan(800);
                assertThat(counted).as("answers sent from memory").isEqualTo(fromMemory);
                return answers;
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private double cachedAnswers(String endpoint) {
        String scrape = api().get("/actuator/prometheus").text();
        Matcher m = Pattern.compile("(?m)^inkan_revocation_cached_answers_total\\{endpoint=\"" + endpoint + "\"[^}]*} (\\S+)$").matcher(scrape);
        assertThat(m.find()).as("counter in the scrape").isTrue();
        return Double.parseDouble(m.group(1));
    }

    private long sessions() {
        return jdbc.sql("SELECT COUNT(*) FROM ui_session").query(Long.class).single();
    }
}
