package dev.inkan.acme;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.inkan.testing.Browsers;
import dev.inkan.testing.Processes;
import dev.inkan.testing.Tools;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Caddy (Debian) obtains its site certificate from the service (global {@code acme_ca} + {@code acme_ca_root},
 * http-01 and tls-alpn-01 on high ports) and serves it; headless Chromium with the CA in its NSS db loads the page
 * with no certificate error, and also a subdomain Caddy meets for the first time ({@code on_demand_tls}, with the
 * {@code ask} endpoint deciding which names it may request).
 */
class CaddyAcmeClientTests extends AcmeRealClientTest {

    private static final String SITE = "caddy.acme.test";
    private static final String ON_DEMAND = "fresh.ondemand.acme.test";

    @Test
    void caddyServesAnInkanCertificateThatChromiumTrustsAndGetsOneOnDemandForANewSubdomain() throws Exception {
        Path dir = workDir("caddy");
        Set<String> asked = ConcurrentHashMap.newKeySet();
        HttpServer ask = askEndpoint(asked);
        Path caddyfile = Files.writeString(dir.resolve("Caddyfile"), """
                {
                	admin 127.0.0.1:%d
                	default_bind 127.0.0.1
                	http_port %d
                	https_port %d
                	acme_ca %s
                	acme_ca_root %s
                	storage file_system %s
                	skip_install_trust
                	on_demand_tls {
                		ask http://127.0.0.1:%d/ask
                	}
                }
                %s {
                	respond "caddy-inkan-site"
                }
                https:// {
                	tls {
                		on_demand
                	}
                	respond "caddy-on-demand {host}"
                }
                """.formatted(freePort(), HTTP01_PORT, TLSALPN01_PORT, directory(), caBundle, dir.resolve("storage"),
                ask.getAddress().getPort(), SITE));
        ProcessBuilder builder = new ProcessBuilder(Tools.require("caddy").toString(), "run", "--config", caddyfile.toString(),
                "--adapter", "caddyfile").directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("caddy.log").toFile());
        builder.environment().put("HOME", dir.toString()); // Caddy keeps its own data and autosaved config under $HOME
        Process caddy = builder.start();
        try {
            timed("caddy", "site-certificate", () -> Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> !caddy.isAlive() || certificate(dir, SITE).isPresent()));
            assertThat(caddy.isAlive()).as(Files.readString(dir.resolve("caddy.log"))).isTrue();
            verify(certificate(dir, SITE).orElseThrow(), SITE);

            Path home = trustingHome(dir);
            var site = Browsers.chromiumDumpDom(home, "https://" + SITE + ":" + TLSALPN01_PORT + "/", dir, RESOLVE_TO_LOOPBACK);
            assertThat(site.dom()).as(site.log()).contains("caddy-inkan-site");
            assertThat(site.loadError()).isNull();

            timed("caddy", "on-demand+chromium", () -> {
                var fresh = Browsers.chromiumDumpDom(home, "https://" + ON_DEMAND + ":" + TLSALPN01_PORT + "/", dir, RESOLVE_TO_LOOPBACK);
                assertThat(fresh.dom()).as(fresh.log() + Files.readString(dir.resolve("caddy.log"))).contains("caddy-on-demand " + ON_DEMAND);
            });
            assertThat(asked).contains(ON_DEMAND);
            verify(certificate(dir, ON_DEMAND).orElseThrow(), ON_DEMAND);

            var refused = Browsers.chromiumDumpDom(home, "https://other.acme.test:" + TLSALPN01_PORT + "/", dir, RESOLVE_TO_LOOPBACK);
            assertThat(refused.dom()).as("the ask endpoint refused this name").doesNotContain("caddy-on-demand");
            assertThat(certificate(dir, "other.acme.test")).isEmpty();
        } finally {
            caddy.destroy();
            caddy.waitFor();
            ask.stop(0);
        }
    }

    /** Chromium resolves every name to 127.0.0.1, as the test DNS does for the validator. */
    private static final List<String> RESOLVE_TO_LOOPBACK = List.of("--host-resolver-rules=MAP * 127.0.0.1");

    /** Caddy's ask endpoint: 200 for names under ondemand.acme.test, 403 for any other; remembers every name asked. */
    private static HttpServer askEndpoint(Set<String> asked) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext("/ask", exchange -> {
            String query = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
            String domain = URLDecoder.decode(query.replaceFirst("^.*domain=([^&]*).*$", "$1"), StandardCharsets.UTF_8);
            asked.add(domain);
            exchange.sendResponseHeaders(domain.endsWith(".ondemand.acme.test") ? 200 : 403, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** The chain Caddy stored for {@code name} (storage/certificates/ISSUER/NAME/NAME.crt). */
    private static Optional<Path> certificate(Path dir, String name) throws IOException {
        Path certificates = dir.resolve("storage/certificates");
        if (!Files.isDirectory(certificates)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(certificates)) {
            return files.filter(file -> file.getFileName().toString().equals(name + ".crt")).findFirst();
        }
    }

    /** A $HOME whose NSS db trusts the service's CA (TESTING.md: Chromium on Linux reads $HOME/.pki/nssdb). */
    private Path trustingHome(Path dir) throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path nssdb = Files.createDirectories(home.resolve(".pki/nssdb"));
        assertThat(Processes.run(List.of("certutil", "-N", "-d", "sql:" + nssdb, "--empty-password")).ok()).isTrue();
        assertThat(Processes.run(List.of("certutil", "-A", "-n", "inkan-acme", "-t", "C,,", "-i", caBundle.toString(), "-d",
                "sql:" + nssdb)).ok()).isTrue();
        return home;
    }
}
