package dev.inkan.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.config.ServerCertificate;
import dev.inkan.engine.Pem;
import dev.inkan.testing.Processes;
import dev.inkan.testing.RunningService;
import dev.inkan.testing.Tools;
import dev.inkan.testing.Verifiers;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The HTTPS certificate the service issues itself, seen from outside: fetched with {@code openssl s_client}
 * on a new connection, verified by OpenSSL (strict) and Go for localhost and 127.0.0.1, used by curl with
 * {@code --cacert}; and renewed then reloaded by the running Tomcat without a restart.
 */
class ServerCertificateTests extends RunningService {

    private static final Pattern PEM = Pattern.compile("-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", Pattern.DOTALL);

    @Autowired
    ServerCertificate serverCertificate;

    /** The certificate a brand-new TLS handshake gets (a new openssl process: no session resumption). */
    private X509Certificate servedCertificate() throws Exception {
        var handshake = Processes.run(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-servername", "localhost", "-showcerts"));
        Matcher first = PEM.matcher(handshake.stdout());
        assertThat(first.find()).as(handshake.output()).isTrue();
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(first.group().getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void theServedCertificateIsAcceptedByOpensslStrictAndGoForLocalhostAndTheLoopbackAddresses() throws Exception {
        X509Certificate served = servedCertificate();
        Path dir = Files.createTempDirectory(Tools.buildDir(), "https-chain");
        var chain = Verifiers.Chain.write(dir, served, List.of(), serviceCa);
        for (String name : List.of("localhost", "127.0.0.1", "::1")) {
            assertThat(Verifiers.openssl(chain, name, "sslserver").accepted()).as(Verifiers.openssl(chain, name, "sslserver").output()).isTrue();
            assertThat(Verifiers.go(chain, name, "server").accepted()).as(Verifiers.go(chain, name, "server").output()).isTrue();
        }
        assertThat(Verifiers.openssl(chain, "evil.example", "sslserver").accepted()).isFalse();
        assertThat(served.getNotAfter().getTime() - served.getNotBefore().getTime()).isBetween(89L * 86_400_000, 91L * 86_400_000);
    }

    @Test
    void curlWithTheCaFileTalksHttpsToLocalhostAndRefusesWithoutIt() throws Exception {
        Path ca = Files.writeString(Files.createTempFile(Tools.buildDir(), "ca", ".pem"), Pem.encode(serviceCa));
        var trusted = Processes.run(List.of("curl", "-sS", "--cacert", ca.toString(), "https://localhost:" + port + "/actuator/health"));
        assertThat(trusted.stdout()).as(trusted.output()).contains("\"status\":\"UP\"");
        var untrusted = Processes.run(List.of("curl", "-sS", "https://localhost:" + port + "/actuator/health"));
        assertThat(untrusted.exitCode()).as(untrusted.output()).isEqualTo(60);
    }

    @Test
    void aRenewedCertificateIsServedOnTheNextHandshakeWithoutARestart() throws Exception {
        BigInteger before = servedCertificate().getSerialNumber();
        assertThat(before).isEqualTo(serverCertificate.certificate().getSerialNumber());
        long certificates = certificateCount();

        X509Certificate renewed = serverCertificate.renew();

        assertThat(renewed.getSerialNumber()).isNotEqualTo(before);
        assertThat(servedCertificate().getSerialNumber()).isEqualTo(renewed.getSerialNumber());
        assertThat(certificateCount()).as("the renewed certificate is in the ledger").isEqualTo(certificates + 1);
        assertThat(api().get("/api/v1/cas").status()).isEqualTo(200);
    }
}
