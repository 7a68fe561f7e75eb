package dev.inkan.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.export.RootOfTrust;
import dev.inkan.testing.ApiClient;
import dev.inkan.testing.RunningService;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Plain HTTP while TLS is on: only what must work before the CA is trusted (the CA, the install
 * scripts, CRL and OCSP paths, health, the bootstrap page); everything else is sent to HTTPS; a
 * credential on plain HTTP is refused without being checked; HSTS only on HTTPS.
 */
class PlainHttpTests extends RunningService {

    private String httpsUrl(String path) {
        return "https://127.0.0.1:" + port + path;
    }

    private long failedAuthentications() {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'authentication.failed'").query(Long.class).single();
    }

    @Test
    void theCaTheInstallScriptsAndHealthAreServedOverPlainHttp() {
        ApiClient.Response ca = plain().get("/ca.pem");
        assertThat(ca.status()).isEqualTo(200);
        assertThat(ca.text()).isEqualTo(anonymous().get("/ca.pem").text());
        assertThat(plain().get("/install/linux").status()).isEqualTo(200);
        assertThat(plain().get("/install").text()).contains(RootOfTrust.fromPem(ca.text()).sha256Colons());
        assertThat(plain().get("/actuator/health").text()).contains("UP");
        // Revocation endpoints are another module's: plain HTTP lets their paths through (no redirect to HTTPS).
        assertThat(plain().get("/crl/1.crl").status()).isNotIn(301, 302, 303, 307, 308);
        assertThat(plain().get("/ocsp/MEIwQDA-").status()).isNotIn(301, 302, 303, 307, 308);
    }

    @Test
    void theBootstrapPageAtTheRootShowsTheCaFingerprintAndTheWayToHttps() {
        ApiClient.Response page = plain().get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        String sha256 = RootOfTrust.of(serviceCa).sha256Colons();
        assertThat(page.text()).contains(sha256).contains("href=\"" + httpsUrl("/") + "\"")
                .contains("curl -fsSL http://127.0.0.1:" + endpoints.httpPort() + "/install/linux -o inkan-install-ca-linux.sh &amp;&amp; echo &#39;")
                .contains("curl --cacert inkan-ca.pem " + httpsUrl("/actuator/health"));
    }

    @Test
    void everythingElseIsRedirectedToHttps308ForTheApi() {
        ApiClient.Response api = plain().get("/api/v1/cas?page=1");
        assertThat(api.status()).isEqualTo(308);
        assertThat(api.header("Location")).isEqualTo(httpsUrl("/api/v1/cas?page=1"));
        ApiClient.Response post = plain().post("/api/v1/certificates", "{\"dnsNames\":[\"plain.test\"]}");
        assertThat(post.status()).isEqualTo(308);
        ApiClient.Response page = plain().get("/certificates");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).isEqualTo(httpsUrl("/certificates"));
        assertThat(plain().get("/login").header("Location")).isEqualTo(httpsUrl("/login"));
    }

    @Test
    void aTokenOnPlainHttpIsRefusedWithoutBeingChecked() {
        long certificates = certificateCount();
        long failures = failedAuthentications();
        for (String token : new String[] {TOKEN, "a-wrong-token"}) {
            ApiClient.Response refused = ApiClient.plain(endpoints.httpPort(), token).post("/api/v1/certificates", "{\"dnsNames\":[\"plain.test\"]}");
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().path("detail").asString()).contains("never accepted over plain HTTP").contains(httpsUrl("/api/v1/certificates"));
        }
        assertThat(certificateCount()).isEqualTo(certificates);
        assertThat(failedAuthentications()).as("the wrong token was not even checked").isEqualTo(failures);
    }

    @Test
    void aPasswordPostedToLoginOverPlainHttpIsRefused() {
        ApiClient.Response login = plain().send("POST", "/login", "application/x-www-form-urlencoded",
                ("username=admin&password=" + TOKEN).getBytes(StandardCharsets.UTF_8));
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.json().path("detail").asString()).contains("never accepted over plain HTTP");
    }

    @Test
    void httpsAnswersCarryHstsAndPlainHttpAnswersDoNot() {
        assertThat(api().get("/api/v1/cas").header("Strict-Transport-Security")).isEqualTo("max-age=31536000");
        assertThat(anonymous().get("/login").header("Strict-Transport-Security")).isEqualTo("max-age=31536000");
        assertThat(plain().get("/ca.pem").header("Strict-Transport-Security")).isNull();
    }
}
