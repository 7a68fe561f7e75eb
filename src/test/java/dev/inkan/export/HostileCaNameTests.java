package dev.inkan.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.engine.CertificateBundle;
import dev.inkan.engine.CertificateIssuer;
import dev.inkan.engine.CertificateProfile;
import dev.inkan.engine.IssuingAuthority;
import dev.inkan.engine.KeyType;
import dev.inkan.engine.LeafSpec;
import dev.inkan.testing.HostileNames;
import dev.inkan.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CA whose name is an attack (as an imported certificate's CN may be) stays inert in what the
 * bundle and the service hand out: the install scripts run with the trust tools stubbed and nothing
 * else runs; the PowerShell script keeps it in one single-quoted string; README.txt keeps it on one line.
 */
class HostileCaNameTests {

    private static final TrustInstallers INSTALLERS = new TrustInstallers(TemplateRenderer.packaged());

    @TempDir
    Path dir;

    @Test
    void theShellInstallScriptsRunWithoutExecutingTheCaName() throws Exception {
        HostileNames.Sandbox box = HostileNames.Sandbox.in(dir, "certutil", "keytool", "security", "update-ca-certificates",
                "update-ca-trust", "trust");
        Files.createDirectories(box.home().resolve(".pki/nssdb"));
        Files.writeString(box.home().resolve(".pki/nssdb/cert9.db"), "");
        int runs = 0;
        for (String name : HostileNames.names(box.marks())) {
            RootOfTrust ca = RootOfTrust.of(HostileNames.caNamed(name));
            for (TrustPlatform platform : TrustPlatform.values()) {
                if (platform.isPowerShell()) {
                    continue;
                }
                String script = INSTALLERS.render(platform, ca, "http://127.0.0.1:8080");
                Processes.Result status = box.sh(dir, script, "status");
                assertThat(status.stderr()).as(platform + " " + name).doesNotContainIgnoringCase("syntax error");
                runs++;
            }
            // nss installs as the user: certutil gets the label as one argument
            Processes.Result install = box.sh(dir, INSTALLERS.render(TrustPlatform.NSS, ca, "http://127.0.0.1:8080"), "install");
            assertThat(install.exitCode()).as(install.output()).isZero();
            assertThat(install.stdout()).contains("inkan: CA: " + ScriptLiterals.printable(name));
            assertThat(box.optionValues("certutil", "-n")).as(name).isNotEmpty().allMatch(ca.label()
                    .replaceAll("\\p{Cntrl}", "")::equals);
            Files.deleteIfExists(box.log().resolve("certutil"));
        }
        assertThat(runs).isEqualTo(HostileNames.names(box.marks()).size() * (TrustPlatform.values().length - 1));
        assertThat(box.markers()).as("commands run from a CA name").isEmpty();
    }

    @Test
    void thePowerShellScriptKeepsEachEmbeddedValueInOneSingleQuotedString() {
        for (String name : HostileNames.names(dir)) {
            RootOfTrust ca = RootOfTrust.of(HostileNames.caNamed(name));
            String script = INSTALLERS.render(TrustPlatform.WINDOWS, ca, "http://127.0.0.1:8080");
            List<String> assignments = script.lines().filter(l -> l.matches("\\$Ca[A-Za-z0-9]+ = '.*")).toList();
            assertThat(assignments).hasSizeGreaterThanOrEqualTo(6);
            for (String line : assignments) {
                List<ScriptLiteralsTests.PowerShellToken> tokens = ScriptLiteralsTests.tokenize(line);
                assertThat(tokens).as(line).hasSize(2);
                assertThat(tokens.get(0).quoted()).isFalse();
                assertThat(tokens.get(1).quoted()).isTrue();
            }
            assertThat(ScriptLiteralsTests.tokenize(assignments.stream().filter(l -> l.startsWith("$CaName ")).findFirst().orElseThrow())
                    .get(1).text()).isEqualTo(ScriptLiterals.printable(name));
            // comment lines hold the label: one line each, so nothing after them is code
            assertThat(script.lines().filter(l -> l.contains("touch ") && !l.startsWith("#") && !l.startsWith("$Ca"))).isEmpty();
        }
    }

    @Test
    void readmeAndNginxFilesKeepTheCaNameOnOneCommentOrProseLine() throws Exception {
        for (String name : HostileNames.names(dir)) {
            CertificateBundle bundle = bundleUnder(HostileNames.caWithKey(name));
            List<OutputFile> files = new BundleExport(TemplateRenderer.packaged()).files(bundle,
                    BundleOptions.defaults("secret-pass".toCharArray()).withInstallBaseUrl("http://127.0.0.1:8080"));
            String readme = files.stream().filter(f -> f.name().equals("README.txt")).findFirst().orElseThrow().text();
            assertThat(readme).contains("CA to trust:     " + ScriptLiterals.printable(name) + "\n");
            assertThat(readme.lines()).noneMatch(l -> l.strip().startsWith("touch"));
            String ssl = files.stream().filter(f -> f.name().equals("nginx/ssl.conf")).findFirst().orElseThrow().text();
            assertThat(ssl.lines().filter(l -> l.contains("touch"))).allMatch(l -> l.startsWith("#"));
        }
    }

    private static CertificateBundle bundleUnder(HostileNames.Ca root) {
        KeyPair leafKey = KeyType.EC_P256.generate();
        X509Certificate leaf = CertificateIssuer.leaf(LeafSpec.of("localhost", List.of("localhost"), List.of(), CertificateProfile.SERVER, 20),
                leafKey.getPublic(), IssuingAuthority.of(List.of(root.certificate()), root.key()), Instant.now());
        return new CertificateBundle(leaf, List.of(root.certificate()), leafKey.getPrivate());
    }
}
