package dev.inkan.acme;

import com.sun.net.httpserver.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * dehydrated (Debian, 0.7.0) registers and gets a certificate by http-01 from its {@code WELLKNOWN} directory, served
 * by a JDK HttpServer on the validator's port. dehydrated 0.7.0 does not retry a badNonce answer (RFC 8555 §6.5 says
 * a client SHOULD), so this class runs on a service that refuses no good nonce (its own Spring context).
 */
@TestPropertySource(properties = "inkan.acme.test-nonce-reject-percent=0")
class DehydratedAcmeClientTests extends AcmeRealClientTest {

    @Test
    void dehydratedRegistersAndGetsACertificateByHttp01FromItsWellKnownDirectory() throws Exception {
        Path dir = workDir("dehydrated");
        Path challenges = Files.createDirectories(dir.resolve("www"));
        Path config = Files.writeString(dir.resolve("config"), """
                CA="%s"
                BASEDIR="%s"
                WELLKNOWN="%s"
                CONTACT_EMAIL="ops@acme.test"
                KEY_ALGO=prime256v1
                """.formatted(directory(), dir, challenges));
        Map<String, String> trust = Map.of("CURL_CA_BUNDLE", caBundle.toString());
        HttpServer webroot = serveChallengeDirectory(challenges);
        try {
            timed("dehydrated", "register", () -> run(dir, List.of("dehydrated", "-f", config.toString(), "--register",
                    "--accept-terms"), trust));
            timed("dehydrated", "http-01", () -> run(dir, List.of("dehydrated", "-f", config.toString(), "-c", "-d",
                    "dehydrated.acme.test"), trust));
        } finally {
            webroot.stop(0);
        }
        verify(dir.resolve("certs/dehydrated.acme.test/fullchain.pem"), "dehydrated.acme.test");
    }
}
