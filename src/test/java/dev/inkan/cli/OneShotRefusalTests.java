package dev.inkan.cli;

import dev.inkan.engine.CertificateBundle;
import dev.inkan.testing.TestPki;
import static dev.inkan.testing.OneShotRuns.env;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.engine.CaSpec;
import dev.inkan.engine.CertificateIssuer;
import dev.inkan.engine.CertificateProfile;
import dev.inkan.engine.IssuingAuthority;
import dev.inkan.engine.KeyType;
import dev.inkan.engine.LeafSpec;
import dev.inkan.engine.Pem;
import dev.inkan.testing.OneShotRuns;
import dev.inkan.testing.OneShotRuns.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input to {@code inkan oneshot}: exit 1, one line on stderr that starts with the variable at
 * fault and says what to do, and the output directory exactly as it was.
 */
class OneShotRefusalTests {

    @TempDir
    Path tmp;
    Path dir;

    @BeforeEach
    void directoryWithSomethingInIt() throws IOException {
        dir = Files.createDirectories(tmp.resolve("certs"));
        Files.writeString(dir.resolve("keep.txt"), "the user's own file\n");
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of(env("SSL_DNS", "bad_host..test"), "SSL_DNS", "not a valid host name"),
                Arguments.of(env("SSL_DNS", "-leading.test"), "SSL_DNS", "not a valid host name"),
                Arguments.of(env("SSL_DNS", "a.*.test"), "SSL_DNS", "wildcard may only be the whole left-most label"),
                Arguments.of(env("SSL_DNS", "*.com"), "SSL_DNS", "public suffix"),
                Arguments.of(env("SSL_DNS", "pаypal.test"), "SSL_DNS", "homograph"),
                Arguments.of(env("SSL_SUBJECT", "two words"), "SSL_SUBJECT", "space"),
                Arguments.of(env("SSL_SUBJECT", "x".repeat(65) + ".test"), "SSL_SUBJECT", "longer than 64"),
                Arguments.of(env("SSL_IP", "999.1.1.1"), "SSL_IP", "not an IPv4 or IPv6 address"),
                Arguments.of(env("SSL_IP", "localhost"), "SSL_IP", "not an IPv4 or IPv6 address"),
                Arguments.of(env("SSL_KEY_TYPE", "dsa-1024"), "SSL_KEY_TYPE", "unknown key type"),
                Arguments.of(env("SSL_KEY_TYPE", "ed25519"), "SSL_KEY_TYPE", "browsers do not accept Ed25519"),
                Arguments.of(env("SSL_KEY_TYPE", "rsa", "SSL_SIZE", "1024"), "SSL_SIZE", "2048, 3072 or 4096"),
                Arguments.of(env("SSL_KEY_TYPE", "ecdsa-p256", "SSL_SIZE", "4096"), "SSL_SIZE", "contradicts"),
                Arguments.of(env("SSL_EXPIRE", "-1"), "SSL_EXPIRE", "not a number of days"),
                Arguments.of(env("SSL_EXPIRE", "0"), "SSL_EXPIRE", "not a number of days"),
                Arguments.of(env("SSL_EXPIRE", "sixty"), "SSL_EXPIRE", "not a number of days"),
                Arguments.of(env("SSL_EXPIRE", "100000"), "SSL_EXPIRE", "825"),
                Arguments.of(env("CA_EXPIRE", "-5"), "CA_EXPIRE", "not a number of days"),
                Arguments.of(env("CA_EXPIRE", "99999999999"), "CA_EXPIRE", "not a number of days"),
                Arguments.of(env("CA_EXPIRE", "40000"), "CA_EXPIRE", "36500"),
                Arguments.of(env("CA_SUBJECT", "c".repeat(65)), "CA_SUBJECT", "1 to 64"),
                Arguments.of(env("SSL_KEY", "../../etc/x"), "SSL_KEY", "not a plain file name"),
                Arguments.of(env("SSL_CERT", "/etc/passwd"), "SSL_CERT", "not a plain file name"),
                Arguments.of(env("CA_KEY", "sub/ca-key.pem"), "CA_KEY", "not a plain file name"),
                Arguments.of(env("SSL_CSR", ".."), "SSL_CSR", "not a plain file name"),
                Arguments.of(env("SSL_CONFIG", "a\nb"), "SSL_CONFIG", "not a plain file name"),
                Arguments.of(env("SSL_CERT", "key.pem"), "SSL_CERT", "already the name of SSL_KEY"),
                Arguments.of(env("SSL_CERT", "secret.yaml"), "SSL_CERT", "already the name of the Kubernetes Secret"),
                Arguments.of(env("SILENT", "maybe"), "SILENT", "neither yes nor no"),
                Arguments.of(env("SILENT", "y"), "SILENT", "neither yes nor no"),
                Arguments.of(env("K8S_SAVE_CA_KEY", "perhaps"), "K8S_SAVE_CA_KEY", "neither yes nor no"),
                Arguments.of(env("OUTPUT", "json"), "OUTPUT", "OUTPUT=yaml or OUTPUT=k8s"),
                Arguments.of(env("K8S_NAME", "Bad_Name"), "K8S_NAME", "not a Kubernetes object name"),
                Arguments.of(env("K8S_NAMESPACE", "a.b"), "K8S_NAMESPACE", "not a Kubernetes namespace"),
                Arguments.of(env("SSL_PROFILE", "admin"), "SSL_PROFILE", "unknown profile"),
                Arguments.of(env("CA_PERMITTED_DNS", "corp.test", "CA_PERMITTED_IP", "10.0.0.0/33"), "CA_PERMITTED_IP", "prefix"),
                Arguments.of(env("CA_PERMITTED_DNS", "*.corp.test"), "CA_PERMITTED_DNS", "without a wildcard"),
                Arguments.of(env("CA_PERMITTED_IP", "10.0.0.0/8"), "CA_PERMITTED_IP", "at least one permitted DNS domain"));
    }

    @ParameterizedTest(name = "{0} is refused naming {1}")
    @MethodSource("badInput")
    void badInputExitsOneWithOneLineNamingTheVariableAndLeavesTheDirectoryAsItWas(Map<String, String> variables,
                                                                                  String variable, String reason) {
        variables.putIfAbsent("SSL_KEY_TYPE", "ecdsa-p256");
        variables.putIfAbsent("SSL_SUBJECT", "localhost");
        assertRefused(variables, variable, reason);
    }

    @Test
    void aReusedCaWhoseKeyDoesNotMatchItsCertificateIsRefused() throws IOException {
        writeCa(CaSpec.root("Mine", 30), Instant.now(), false);
        assertRefused(env("SSL_SUBJECT", "localhost"), "CA_CERT", "does not match");
    }

    @Test
    void aReusedCaThatHasExpiredIsRefused() throws IOException {
        writeCa(CaSpec.root("Old CA", 1), Instant.now().minus(Duration.ofDays(3)), true);
        assertRefused(env("SSL_SUBJECT", "localhost"), "CA_CERT", "expired");
    }

    @Test
    void aReusedCertificateThatIsNotACaIsRefused() throws IOException {
        CertificateBundle leaf = TestPki.root("Real CA").leaf("leaf.test");
        Files.writeString(dir.resolve("ca.pem"), leaf.certificatePem());
        Files.writeString(dir.resolve("ca-key.pem"), leaf.privateKeyPem());
        assertRefused(env("SSL_SUBJECT", "localhost"), "CA_CERT", "not a CA certificate");
    }

    @Test
    void aCaKeyWithoutItsCertificateIsRefusedRatherThanGuessed() throws IOException {
        Files.writeString(dir.resolve("ca-key.pem"), Pem.encode(KeyType.EC_P256.generate().getPrivate()));
        assertRefused(env("SSL_SUBJECT", "localhost"), "CA_CERT", "does not");
    }

    @Test
    void nameConstraintsOnAReusedCaAreRefusedRatherThanIgnored() throws IOException {
        writeCa(CaSpec.root("Mine", 30), Instant.now(), true);
        assertRefused(env("SSL_SUBJECT", "localhost", "CA_PERMITTED_DNS", "corp.test"), "CA_PERMITTED_DNS", "only to a new CA");
    }

    @Test
    void anOutputDirectoryThatIsAFileIsRefusedAndLeftAlone() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        Run run = OneShotRuns.inProcess(file, env("SSL_KEY_TYPE", "ecdsa-p256", "SILENT", "yes"));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).startsWith("--out: cannot write to " + file).contains("give a directory").hasLineCount(1);
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    /** Writes ca.pem for {@code spec} issued at {@code issued}, and ca-key.pem with its key or, if not {@code matching}, another. */
    private void writeCa(CaSpec spec, Instant issued, boolean matching) throws IOException {
        KeyPair key = KeyType.EC_P256.generate();
        Files.writeString(dir.resolve("ca.pem"), Pem.encode(CertificateIssuer.selfSignedRoot(spec, key, issued)));
        Files.writeString(dir.resolve("ca-key.pem"), Pem.encode((matching ? key : KeyType.EC_P256.generate()).getPrivate()));
    }

    private void assertRefused(Map<String, String> variables, String variable, String reason) {
        Map<String, String> before = OneShotRuns.snapshot(dir);
        Run run = OneShotRuns.inProcess(dir, variables);
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(run.stderr()).as(run.describe()).startsWith(variable + ": ").contains(reason).hasLineCount(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(OneShotRuns.snapshot(dir)).isEqualTo(before);
    }
}
