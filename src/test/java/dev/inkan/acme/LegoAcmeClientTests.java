package dev.inkan.acme;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * lego (Debian) against the running service: http-01 and tls-alpn-01 on the ports lego binds, and a wildcard by
 * dns-01 through its {@code exec} provider, whose script sets the TXT record in pebble-challtestsrv.
 */
class LegoAcmeClientTests extends AcmeRealClientTest {

    @Test
    void legoGetsCertificatesByHttp01AndTlsAlpn01() throws Exception {
        Path dir = workDir("lego");
        timed("lego", "http-01", () -> run(dir, concat(lego(dir, "lego-http.acme.test"),
                List.of("--http", "--http.port", "127.0.0.1:" + HTTP01_PORT, "run"))));
        verify(dir.resolve("certificates/lego-http.acme.test.crt"), "lego-http.acme.test");

        timed("lego", "tls-alpn-01", () -> run(dir, concat(lego(dir, "lego-alpn.acme.test"),
                List.of("--tls", "--tls.port", "127.0.0.1:" + TLSALPN01_PORT, "run"))));
        verify(dir.resolve("certificates/lego-alpn.acme.test.crt"), "lego-alpn.acme.test");
    }

    @Test
    void legoGetsAWildcardByDns01ThroughItsExecProvider() throws Exception {
        Path dir = workDir("lego-dns");
        // lego's exec protocol: PROGRAM present|cleanup FQDN VALUE (FQDN ends with a dot, as challtestsrv wants)
        Path hook = Files.writeString(dir.resolve("dns-hook.sh"), """
                #!/bin/sh
                case "$1" in
                  present) exec curl -fsS -d "{\\"host\\":\\"$2\\",\\"value\\":\\"$3\\"}" http://127.0.0.1:%1$d/set-txt ;;
                  cleanup) exec curl -fsS -d "{\\"host\\":\\"$2\\"}" http://127.0.0.1:%1$d/clear-txt ;;
                esac
                """.formatted(AcmeTestNetwork.MANAGEMENT_PORT));
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwx------"));
        // --dns.disable-cp: challtestsrv answers no SOA, so lego cannot find the zone's authoritative servers to poll
        timed("lego", "dns-01-exec-wildcard", () -> run(dir, concat(lego(dir, "*.lego-dns.acme.test"),
                List.of("--dns", "exec", "--dns.disable-cp", "--dns.resolvers", "127.0.0.1:" + AcmeTestNetwork.DNS_PORT, "run")),
                Map.of("EXEC_PATH", hook.toString(), "EXEC_POLLING_INTERVAL", "1", "EXEC_PROPAGATION_TIMEOUT", "30")));
        verify(dir.resolve("certificates/_.lego-dns.acme.test.crt"), "app.lego-dns.acme.test");
    }

    private List<String> lego(Path dir, String domain) {
        return List.of("lego", "--server", directory(), "--accept-tos", "--email", "ops@acme.test", "--path", dir.toString(),
                "--domains", domain);
    }
}
