package dev.inkan.acme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.engine.Pem;
import dev.inkan.testing.Processes;
import dev.inkan.testing.Tools;
import dev.inkan.testing.Verifiers;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Real ACME clients from Debian against the running service: certbot (http-01 standalone, dns-01 wildcard by
 * manual hooks, renew, revoke) and lego (http-01, tls-alpn-01). The clients bind the validation ports themselves,
 * so this class runs its own service (and data directory) whose validator connects to those ports; DNS is
 * pebble-challtestsrv. Every certificate is verified by openssl -x509_strict and Go.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"inkan.admin-token=acme-clients-token-0123456789", "inkan.default-ca-name=Inkan ACME Clients Root CA",
            "logging.level.dev.inkan=WARN", "inkan.acme.test-nonce-reject-percent=5", "inkan.transport.http-port=0"})
class AcmeRealClientTests {

    static final int HTTP01_PORT = freePort();
    static final int TLSALPN01_PORT = freePort();

    @LocalServerPort
    int port;

    /** The CA of the service's HTTPS certificate, which each client is told to trust. */
    Path caBundle;

    @org.springframework.beans.factory.annotation.Autowired
    void trustTheServiceCa(dev.inkan.authority.CertificateAuthorityService authorities) throws IOException {
        caBundle = Files.writeString(Files.createTempFile(Files.createDirectories(Tools.buildDir()), "acme-clients-ca", ".pem"),
                authorities.defaultAuthority().certificatePem());
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        AcmeTestNetwork.start();
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Tools.buildDir()), "acme-clients-data-");
        registry.add("inkan.data-dir", dataDir::toString);
        registry.add("inkan.acme.dns-resolver", () -> "127.0.0.1:" + AcmeTestNetwork.DNS_PORT);
        registry.add("inkan.acme.http01-port", () -> HTTP01_PORT);
        registry.add("inkan.acme.tlsalpn01-port", () -> TLSALPN01_PORT);
    }

    String directory() {
        return "https://127.0.0.1:" + port + "/acme/directory";
    }

    @Test
    void certbotGetsRenewsAndRevokesByHttp01AndAWildcardByDns01Hooks() throws Exception {
        Path dir = Files.createTempDirectory(Tools.buildDir(), "certbot-");
        List<String> common = List.of("--server", directory(), "--non-interactive", "--agree-tos", "-m", "ops@acme.test",
                "--config-dir", dir.resolve("config").toString(), "--work-dir", dir.resolve("work").toString(),
                "--logs-dir", dir.resolve("logs").toString());
        long start = System.nanoTime();
        run(dir, concat(List.of("certbot", "certonly", "--standalone", "--http-01-port", String.valueOf(HTTP01_PORT),
                "--http-01-address", "127.0.0.1", "-d", "certbot.acme.test", "--cert-name", "http"), common));
        System.out.printf("client-matrix certbot http-01 %.1f s%n", (System.nanoTime() - start) / 1e9);
        verify(dir.resolve("config/live/http/fullchain.pem"), "certbot.acme.test");

        String hook = "curl -fsS -d \"{\\\"host\\\":\\\"_acme-challenge.$CERTBOT_DOMAIN.\\\",\\\"value\\\":\\\"$CERTBOT_VALIDATION\\\"}\" "
                + "http://127.0.0.1:" + AcmeTestNetwork.MANAGEMENT_PORT + "/set-txt";
        start = System.nanoTime();
        run(dir, concat(List.of("certbot", "certonly", "--manual", "--preferred-challenges", "dns", "--manual-auth-hook", hook,
                "-d", "*.certbot-wild.acme.test", "--cert-name", "wild"), common));
        System.out.printf("client-matrix certbot dns-01-wildcard %.1f s%n", (System.nanoTime() - start) / 1e9);
        verify(dir.resolve("config/live/wild/fullchain.pem"), "app.certbot-wild.acme.test");

        String before = Files.readString(dir.resolve("config/live/http/cert.pem"));
        start = System.nanoTime();
        run(dir, concat(List.of("certbot", "renew", "--force-renewal", "--no-random-sleep-on-renew", "--cert-name", "http"), common));
        System.out.printf("client-matrix certbot renew %.1f s%n", (System.nanoTime() - start) / 1e9);
        assertThat(Files.readString(dir.resolve("config/live/http/cert.pem"))).isNotEqualTo(before);

        start = System.nanoTime();
        run(dir, concat(List.of("certbot", "revoke", "--cert-path", dir.resolve("config/live/http/cert.pem").toString(),
                "--reason", "superseded", "--no-delete-after-revoke"), common));
        System.out.printf("client-matrix certbot revoke %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    @Test
    void legoGetsCertificatesByHttp01AndTlsAlpn01() throws Exception {
        Path dir = Files.createTempDirectory(Tools.buildDir(), "lego-");
        long start = System.nanoTime();
        run(dir, List.of("lego", "--server", directory(), "--accept-tos", "--email", "ops@acme.test", "--path", dir.toString(),
                "--domains", "lego-http.acme.test", "--http", "--http.port", "127.0.0.1:" + HTTP01_PORT, "run"));
        System.out.printf("client-matrix lego http-01 %.1f s%n", (System.nanoTime() - start) / 1e9);
        verify(dir.resolve("certificates/lego-http.acme.test.crt"), "lego-http.acme.test");

        start = System.nanoTime();
        run(dir, List.of("lego", "--server", directory(), "--accept-tos", "--email", "ops@acme.test", "--path", dir.toString(),
                "--domains", "lego-alpn.acme.test", "--tls", "--tls.port", "127.0.0.1:" + TLSALPN01_PORT, "run"));
        System.out.printf("client-matrix lego tls-alpn-01 %.1f s%n", (System.nanoTime() - start) / 1e9);
        verify(dir.resolve("certificates/lego-alpn.acme.test.crt"), "lego-alpn.acme.test");
    }

    private void run(Path dir, List<String> command) {
        Processes.Result result = Processes.run(command, dir, Map.of("HOME", dir.toString(), "REQUESTS_CA_BUNDLE", caBundle.toString(),
                "LEGO_CA_CERTIFICATES", caBundle.toString()), Duration.ofMinutes(4));
        assertThat(result.ok()).as(String.join(" ", command) + "\n" + result.output()).isTrue();
    }

    /** openssl -x509_strict and Go accept the issued chain for {@code hostname}, with the root from /ca.pem. */
    private void verify(Path fullchain, String hostname) throws IOException {
        List<X509Certificate> chain = Pem.readCertificates("fullchain", Files.readString(fullchain));
        X509Certificate root = chain.get(chain.size() - 1);
        var files = Verifiers.Chain.write(fullchain.getParent().resolve("verify-" + hostname), chain.get(0),
                chain.subList(1, chain.size() - 1), root);
        var openssl = Verifiers.openssl(files, hostname, "sslserver");
        assertThat(openssl.accepted()).as(openssl.output()).isTrue();
        var go = Verifiers.go(files, hostname, "server");
        assertThat(go.accepted()).as(go.output()).isTrue();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
