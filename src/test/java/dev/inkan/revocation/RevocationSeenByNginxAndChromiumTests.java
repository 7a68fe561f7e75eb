package dev.inkan.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.testing.Browsers;
import dev.inkan.testing.BundleSite;
import dev.inkan.testing.NginxServer;
import dev.inkan.testing.Processes;
import dev.inkan.testing.RunningService;
import dev.inkan.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Revocation where users meet it: nginx staples Inkan's OCSP answer using the bundle's own ssl.conf,
 * and Chromium, with the managed policy that makes it check revocation for local roots, loads a site
 * with a good certificate and refuses one with a revoked certificate (net::ERR_CERT_REVOKED).
 */
class RevocationSeenByNginxAndChromiumTests extends RunningService {

    /** Chromium reads managed policies only from here (TESTING.md); the test removes its file in a finally. */
    static final Path POLICY = Path.of("/etc/chromium/policies/managed/inkan-revocation-test.json");

    @Test
    void nginxStaplesAGoodOcspAnswerWithTheBundlesSslConf() throws Exception {
        Path work = Files.createTempDirectory(Tools.buildDir(), "stapling");
        long id = issue(false);
        Path bundle = BundleSite.unzip(api().get("/api/v1/certificates/" + id + "/bundle.zip").body(), work.resolve("bundle"));
        assertThat(Files.readString(bundle.resolve("nginx/ssl.conf"))).contains("ssl_stapling on;").contains("ssl_stapling_verify on;")
                .contains("ssl_trusted_certificate").doesNotContain("resolver "); // 127.0.0.1 needs no resolver
        try (NginxServer nginx = BundleSite.serve(bundle, work.resolve("nginx"))) {
            // the first handshake only makes nginx fetch the staple
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                var result = Processes.run(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + nginx.port(), "-servername",
                        "localhost", "-status", "-CAfile", bundle.resolve("ca.pem").toString()));
                assertThat(result.output()).as(nginx.errorLog()).contains("OCSP Response Status: successful")
                        .contains("Cert Status: good");
            });
        }
    }

    @Test
    void chromiumWithTheLocalAnchorsPolicyLoadsTheGoodSiteAndRefusesTheRevokedOne() throws Exception {
        Path work = Files.createTempDirectory(Tools.buildDir(), "chromium-revocation");
        Path home = Files.createDirectories(work.resolve("home"));
        Path nssdb = Files.createDirectories(home.resolve(".pki/nssdb"));
        Path ca = Files.writeString(work.resolve("ca.pem"), api().get("/ca.pem").text());
        assertThat(Processes.run(List.of("certutil", "-N", "-d", "sql:" + nssdb, "--empty-password")).ok()).isTrue();
        assertThat(Processes.run(List.of("certutil", "-A", "-n", "inkan-test", "-t", "C,,", "-i", ca.toString(), "-d", "sql:" + nssdb))
                .ok()).isTrue();
        Path good = BundleSite.unzip(api().get("/api/v1/certificates/" + issue(false) + "/bundle.zip").body(), work.resolve("good"));
        Path revoked = BundleSite.unzip(api().get("/api/v1/certificates/" + issue(true) + "/bundle.zip").body(), work.resolve("revoked"));
        Files.createDirectories(POLICY.getParent());
        Files.writeString(POLICY, "{\"RequireOnlineRevocationChecksForLocalAnchors\": true}\n");
        try (NginxServer goodSite = BundleSite.serve(good, work.resolve("nginx-good"));
             NginxServer revokedSite = BundleSite.serve(revoked, work.resolve("nginx-revoked"))) {
            var loaded = Browsers.chromiumDumpDom(home, "https://localhost:" + goodSite.port() + "/", work);
            assertThat(loaded.dom()).as(loaded.log()).contains(BundleSite.MARKER);
            var refused = Browsers.chromiumDumpDom(home, "https://localhost:" + revokedSite.port() + "/", work);
            assertThat(refused.dom()).doesNotContain(BundleSite.MARKER);
            assertThat(refused.loadError()).as(refused.log()).isEqualTo("ERR_CERT_REVOKED");
        } finally {
            Files.deleteIfExists(POLICY);
        }
    }

    private long issue(boolean revoke) {
        var issued = api().post("/api/v1/certificates", "{\"commonName\":\"localhost\",\"ipAddresses\":[\"127.0.0.1\"]}");
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        long id = issued.json().get("id").asLong();
        if (revoke) { // superseded: after keyCompromise the bundle (its key) is no longer handed out
            assertThat(api().post("/api/v1/certificates/" + id + "/revoke", "{\"reason\":\"superseded\"}").status()).isEqualTo(200);
        }
        return id;
    }
}
