package dev.inkan.cli;

import static dev.inkan.testing.OneShotRuns.env;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.oneshot.OneShotIssuance;
import dev.inkan.testing.BundleSite;
import dev.inkan.testing.NginxServer;
import dev.inkan.testing.OneShotRuns;
import dev.inkan.testing.Processes;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundle the one-shot writes beside omgwtfssl's files, served by nginx with its own configuration. */
class OneShotBundleTests {

    @TempDir
    Path tmp;

    @Test
    void oneShotBundleIsServedByNginxAsIsAndTrustedByCurlOpensslJavaAndPython() throws Exception {
        Path certs = tmp.resolve("certs");
        OneShotRuns.succeeded(certs, env("SSL_SUBJECT", "localhost", "SSL_DNS", "localhost", "SSL_IP", "127.0.0.1",
                "SSL_KEY_TYPE", "ecdsa-p256", "SILENT", "yes", "P12_PASSWORD", "one-shot-p12"));
        assertThat(certs.resolve(OneShotIssuance.PASSWORD_FILE)).doesNotExist();

        try (NginxServer nginx = BundleSite.serve(certs, tmp.resolve("nginx"))) {
            BundleSite.assertEveryClientTrusts(certs, "localhost", nginx.port());
            BundleSite.assertCurlTrusts(certs.resolve("ca.pem"), "https://127.0.0.1:" + nginx.port() + "/");
        }
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        try (var in = new FileInputStream(certs.resolve("cert.p12").toFile())) {
            p12.load(in, "one-shot-p12".toCharArray());
        }
        assertThat(p12.getCertificateChain("inkan")).hasSize(2);
        var shellcheck = Processes.run(List.of("shellcheck", certs.resolve("install-ca-linux.sh").toString(),
                certs.resolve("install-ca-nss.sh").toString()));
        assertThat(shellcheck.ok()).as(shellcheck.output()).isTrue();
        assertThat(Files.readString(certs.resolve("install-ca-linux.sh"))).contains(Files.readString(certs.resolve("ca.pem")).strip());
    }

    @Test
    void renamedKeyIsWhatSslConfPointsAtAndAGeneratedP12PasswordIsWrittenPrivately() throws Exception {
        Path certs = tmp.resolve("certs");
        OneShotRuns.succeeded(certs, env("SSL_SUBJECT", "localhost", "SSL_KEY", "server.key", "SSL_KEY_TYPE", "ecdsa-p256",
                "SILENT", "yes", "P12_LEGACY", "yes", "BUNDLE", "yes"));
        assertThat(certs.resolve("key.pem")).doesNotExist();
        assertThat(certs.resolve("nginx/ssl.conf")).content().contains("ssl_certificate_key /etc/nginx/inkan/server.key;");
        Path passwordFile = certs.resolve(OneShotIssuance.PASSWORD_FILE);
        assertThat(Files.getPosixFilePermissions(passwordFile)).isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        String password = Files.readString(passwordFile).strip();
        var info = Processes.run(List.of("openssl", "pkcs12", "-info", "-noout", "-in", certs.resolve("cert.p12").toString(),
                "-passin", "pass:" + password));
        assertThat(info.ok()).as(info.output()).isTrue();
        assertThat(info.output()).contains("pbeWithSHA1And3-KeyTripleDES-CBC");

        try (NginxServer nginx = BundleSite.serve(certs, tmp.resolve("nginx"))) {
            BundleSite.assertCurlTrusts(certs.resolve("ca.pem"), "https://localhost:" + nginx.port() + "/");
        }
    }

    @Test
    void bundleNoWritesExactlyOmgwtfsslsFiles() throws Exception {
        Path certs = tmp.resolve("certs");
        OneShotRuns.succeeded(certs, env("SSL_SUBJECT", "localhost", "SSL_KEY_TYPE", "ecdsa-p256", "SILENT", "yes", "BUNDLE", "no"));
        try (var list = Files.list(certs)) {
            assertThat(list.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
                    "ca-key.pem", "ca.pem", "ca.srl", "cert.pem", "fullchain.pem", "key.csr", "key.pem", "openssl.cnf", "secret.yaml");
        }
        var refused = OneShotRuns.inProcess(tmp.resolve("other"), env("SSL_KEY_TYPE", "ecdsa-p256", "P12_PASSWORD", "abc"));
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.describe()).contains("P12_PASSWORD: choose a password of 4 to 1024 characters");
        var nonAscii = OneShotRuns.inProcess(tmp.resolve("third"), env("SSL_KEY_TYPE", "ecdsa-p256", "P12_PASSWORD", "pässwörd-1"));
        assertThat(nonAscii.exitCode()).isEqualTo(1);
        assertThat(nonAscii.describe()).contains("P12_PASSWORD: choose a password of printable ASCII characters");
        assertThat(tmp.resolve("third")).doesNotExist();
    }
}
