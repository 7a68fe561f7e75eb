package dev.inkan.cli;

import static dev.inkan.testing.OneShotRuns.certificate;
import static dev.inkan.testing.OneShotRuns.env;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.engine.KeyType;
import dev.inkan.engine.Pem;
import dev.inkan.testing.NginxServer;
import dev.inkan.testing.OneShotRuns;
import dev.inkan.testing.OneShotRuns.Run;
import dev.inkan.testing.Processes;
import dev.inkan.testing.TestPki;
import dev.inkan.testing.Verifiers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One-shot output used for real: nginx serves it, curl trusts it, a real JVM process makes it. */
class OneShotEndToEndTests {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"ecdsa-p256", "rsa"})
    void nginxServesTheOneShotCertificateAndCurlTrustsItWithCaPem(String keyType) {
        Path certs = tmp.resolve("certs");
        Run run = OneShotRuns.inProcess(certs, env("SSL_KEY_TYPE", keyType, "SSL_SUBJECT", "localhost", "SILENT", "yes"));
        assertThat(run.exitCode()).as(run.describe()).isZero();

        try (NginxServer nginx = NginxServer.startTls(tmp, certs.resolve("cert.pem"), certs.resolve("key.pem"))) {
            var curl = Processes.run(List.of("curl", "-sS", "--max-time", "10", "--cacert", certs.resolve("ca.pem").toString(),
                    "https://localhost:" + nginx.port() + "/"));
            assertThat(curl.ok()).as(curl.output() + nginx.errorLog()).isTrue();
            assertThat(curl.stdout()).isEqualTo(NginxServer.MARKER + "\n");

            var untrusted = Processes.run(List.of("curl", "-sS", "--max-time", "10", "--cacert", "/dev/null",
                    "https://localhost:" + nginx.port() + "/"));
            assertThat(untrusted.ok()).as("without ca.pem curl must refuse: " + untrusted.output()).isFalse();
        }
    }

    /** The negative control: a CN-only certificate, the omgwtfssl default, which the harness must catch. */
    @Test
    void aCommonNameOnlyCertificateIsRejectedByGoAsLegacyCommonName() throws Exception {
        Path certs = tmp.resolve("certs");
        assertThat(OneShotRuns.inProcess(certs, env("SSL_KEY_TYPE", "ecdsa-p256", "SILENT", "yes")).exitCode()).isZero();
        X509Certificate ca = certificate(certs.resolve("ca.pem"));
        PrivateKey caKey = Pem.readPrivateKey("ca", Files.readString(certs.resolve("ca-key.pem")), null);
        KeyPair leafKey = KeyType.EC_P256.generate();
        X509Certificate cnOnly = TestPki.outsideProfile(new X500Name("CN=localhost"), leafKey.getPublic(), false, ca, caKey,
                Duration.ofDays(1));

        var chain = Verifiers.Chain.write(tmp.resolve("chain"), cnOnly, List.of(), ca);
        var go = Verifiers.go(chain, "localhost", "server");
        assertThat(go.accepted()).isFalse();
        assertThat(go.output()).contains("legacy Common Name");
    }

    @Test
    void theOneShotProcessChoosesTheJdkProvidersOnceAndNeverBuildsBouncyCastlesProvider() throws IOException {
        Path certs = tmp.resolve("certs");
        Path classLog = tmp.resolve("classes.log");
        Processes.Result result = oneshotProcess(OneShotRuns.runtimeClasspath(), certs, Map.of("SSL_SUBJECT", "localhost",
                "SSL_KEY_TYPE", "ecdsa-p256", "SILENT", "yes", "JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classLog), List.of());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(Files.readString(classLog)).contains("dev.inkan.engine.CryptoProviders ")
                .doesNotContain("org.bouncycastle.jce.provider.BouncyCastleProvider ");
    }

    @Test
    void aRealJavaProcessWritesTheFilesAndExitsZeroWithoutSpringOnItsClassPath() throws IOException {
        Path certs = tmp.resolve("certs");
        Processes.Result result = oneshotProcess(OneShotRuns.runtimeClasspath(), certs,
                Map.of("SSL_SUBJECT", "localhost", "SSL_KEY_TYPE", "ecdsa-p256", "OUTPUT", "k8s"), List.of());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.stdout()).startsWith("---\napiVersion: v1\nkind: Secret\n");
        assertThat(Files.list(certs).map(p -> p.getFileName().toString()).sorted().toList()).containsSubsequence(
                "ca-key.pem", "ca.pem", "ca.srl", "cert.pem", "fullchain.pem", "key.csr", "key.pem", "openssl.cnf", "secret.yaml")
                .contains("cert.p12", "nginx", "install-ca-linux.sh", "install-ca-windows.ps1").hasSize(OneShotRuns.DEFAULT_ENTRIES);
    }

    @Test
    void aRealJavaProcessGivenABadVariableExitsOneWithOneLineAndWritesNothing() {
        Path certs = tmp.resolve("certs");
        Processes.Result result = oneshotProcess(OneShotRuns.runtimeClasspath(), certs,
                Map.of("SSL_KEY", "../../etc/x", "SSL_KEY_TYPE", "ecdsa-p256"), List.of());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).startsWith("SSL_KEY: '../../etc/x' is not a plain file name").hasLineCount(1);
        assertThat(certs).doesNotExist();
    }

    @Test
    void asRootTheFilesAreGivenToTheOwnerOfTheOutputDirectory() throws IOException {
        requireRoot();
        Path certs = Files.createDirectories(tmp.resolve("certs"));
        Files.setAttribute(certs, "unix:uid", 65534);
        Files.setAttribute(certs, "unix:gid", 65534);
        Run run = OneShotRuns.inProcess(certs, env("SSL_KEY_TYPE", "ecdsa-p256", "SILENT", "yes"));
        assertThat(run.exitCode()).as(run.describe()).isZero();

        List<String> owners = new ArrayList<>();
        try (var files = Files.list(certs)) {
            for (Path file : files.toList()) {
                owners.add(file.getFileName() + " " + Files.getAttribute(file, "unix:uid") + ":" + Files.getAttribute(file, "unix:gid"));
            }
        }
        assertThat(owners).hasSize(OneShotRuns.DEFAULT_ENTRIES).allMatch(o -> o.endsWith(" 65534:65534"));
    }

    /** omgwtfssl failed as non-root; Inkan works for any user that can write DIR, and says so when it cannot. */
    @Test
    void aNonRootUserWritesIntoItsOwnDirectoryAndGetsAClearErrorForAnotherUsersDirectory() throws IOException {
        requireRoot();
        Path shared = Files.createTempDirectory(Path.of("/tmp"), "inkan-nobody-");
        try {
            Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            List<Path> classpath = new ArrayList<>();
            for (Path entry : OneShotRuns.runtimeClasspath()) { // /root/.m2 is not readable by nobody
                Path copy = shared.resolve("cp").resolve(classpath.size() + "-" + entry.getFileName());
                Files.createDirectories(copy.getParent());
                Processes.Result cp = Processes.run(List.of("cp", "-r", entry.toString(), copy.toString()));
                assertThat(cp.ok()).as(cp.output()).isTrue();
                classpath.add(copy);
            }
            Processes.run(List.of("chmod", "-R", "a+rX", shared.toString()));
            Path own = Files.createDirectories(shared.resolve("own"));
            Files.setAttribute(own, "unix:uid", 65534);
            Path roots = Files.createDirectories(shared.resolve("roots"));
            Map<String, String> env = Map.of("SSL_SUBJECT", "localhost", "SSL_KEY_TYPE", "ecdsa-p256", "SILENT", "yes");

            Processes.Result ok = oneshotProcess(classpath, own, env, List.of("runuser", "-u", "nobody", "--"));
            assertThat(ok.exitCode()).as(ok.output()).isZero();
            assertThat(Files.getAttribute(own.resolve("key.pem"), "unix:uid")).isEqualTo(65534);

            Processes.Result refused = oneshotProcess(classpath, roots, env, List.of("runuser", "-u", "nobody", "--"));
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.stderr()).startsWith("--out: cannot write to " + roots).hasLineCount(1);
            assertThat(OneShotRuns.snapshot(roots)).hasSize(1); // the directory itself, still empty
        } finally {
            Processes.run(List.of("rm", "-rf", shared.toString()));
        }
    }

    private static Processes.Result oneshotProcess(List<Path> classpath, Path out, Map<String, String> env, List<String> prefix) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(OneShotRuns.javaExecutable(), "-cp",
                String.join(":", classpath.stream().map(Path::toString).toList()), "dev.inkan.Inkan", "oneshot", "--out", out.toString()));
        return Processes.run(command, null, env, Duration.ofMinutes(2));
    }

    private static void requireRoot() throws IOException {
        assertThat(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))
                .as("this test runs as root, as CI does (.ci/run): only root can give files away").isEqualTo(0);
    }
}
