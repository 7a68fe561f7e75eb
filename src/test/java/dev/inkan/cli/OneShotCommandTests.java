package dev.inkan.cli;

import static dev.inkan.testing.OneShotRuns.certificate;
import static dev.inkan.testing.OneShotRuns.env;
import static dev.inkan.testing.OneShotRuns.subjectAltNames;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.engine.KeyType;
import dev.inkan.testing.OneShotRuns;
import dev.inkan.testing.OneShotRuns.Run;
import dev.inkan.testing.Processes;
import dev.inkan.testing.Verifiers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code inkan oneshot}: omgwtfssl's variables and files, without its defects (PRODUCT.md). */
class OneShotCommandTests {

    @TempDir
    Path tmp;

    static Stream<Arguments> sanMatrix() {
        return Stream.of(
                Arguments.of("subject only", env("SSL_SUBJECT", "localhost"), "localhost", List.of("DNS:localhost")),
                Arguments.of("subject equal to a DNS entry", env("SSL_SUBJECT", "localhost", "SSL_DNS", "localhost"),
                        "localhost", List.of("DNS:localhost")),
                Arguments.of("several DNS names, a wildcard, an IDN, IPv4 and IPv6",
                        env("SSL_SUBJECT", "app.test", "SSL_DNS", "www.app.test, *.app.test,bücher.test,APP.test",
                                "SSL_IP", "127.0.0.1,::1,127.0.0.1"),
                        "app.test", List.of("DNS:app.test", "DNS:www.app.test", "DNS:*.app.test", "DNS:xn--bcher-kva.test",
                                "IP:127.0.0.1", "IP:0:0:0:0:0:0:0:1")),
                Arguments.of("SSL_DNS alone adds no example.com", env("SSL_DNS", "a.test,b.test"), "a.test",
                        List.of("DNS:a.test", "DNS:b.test")),
                Arguments.of("SSL_IP alone", env("SSL_IP", "10.0.0.7"), "10.0.0.7", List.of("IP:10.0.0.7")),
                Arguments.of("nothing set: omgwtfssl's example.com, now also in the SAN", env(), "example.com",
                        List.of("DNS:example.com")),
                Arguments.of("a glob character is not expanded against files", env("SSL_DNS", "*.app.test"), "*.app.test",
                        List.of("DNS:*.app.test")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sanMatrix")
    void subjectAltNameHoldsEveryNameOnceInOrderAndNothingElse(String description, Map<String, String> variables,
                                                               String commonName, List<String> sans) {
        variables.put("SSL_KEY_TYPE", "ecdsa-p256");
        Run run = OneShotRuns.inProcess(tmp, variables);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        X509Certificate cert = certificate(tmp.resolve("cert.pem"));
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=" + commonName);
        assertThat(subjectAltNames(cert)).containsExactlyElementsOf(sans);
        var chain = Verifiers.Chain.write(tmp.resolve("chain"), cert, List.of(), certificate(tmp.resolve("ca.pem")));
        for (String san : sans) {
            String host = san.substring(san.indexOf(':') + 1).replace("*.", "any.");
            var go = Verifiers.go(chain, host, "server");
            assertThat(go.accepted()).as(host + ": " + go.output()).isTrue();
        }
        String first = sans.get(0).substring(sans.get(0).indexOf(':') + 1).replace("*.", "any.");
        for (var verdict : Verifiers.allForServer(chain, cert, List.of(), certificate(tmp.resolve("ca.pem")), first)) {
            assertThat(verdict.accepted()).as(first + " " + verdict.verifier() + ": " + verdict.output()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ecdsa-p256", "rsa"})
    void everyProducedCertificateIsAcceptedByOpensslStrictGnutlsGoAndJavaPkix(String keyType) {
        Path out = tmp.resolve("out");
        Run run = OneShotRuns.inProcess(out, env("SSL_KEY_TYPE", keyType, "SSL_SUBJECT", "localhost", "SSL_DNS", "app.test",
                "SSL_IP", "127.0.0.1,::1", "SILENT", "yes"));
        assertThat(run.exitCode()).as(run.describe()).isZero();

        X509Certificate leaf = certificate(out.resolve("cert.pem"));
        X509Certificate root = certificate(out.resolve("ca.pem"));
        assertThat(KeyType.of(leaf.getPublicKey())).contains(keyType.equals("rsa") ? KeyType.RSA_2048 : KeyType.EC_P256);
        var chain = Verifiers.Chain.write(tmp.resolve("chain"), leaf, List.of(), root);
        for (String host : List.of("localhost", "app.test")) {
            for (var verdict : Verifiers.allForServer(chain, leaf, List.of(), root, host)) {
                assertThat(verdict.accepted()).as(host + " " + verdict.verifier() + ": " + verdict.output()).isTrue();
            }
        }
        for (String ip : List.of("127.0.0.1", "::1")) {
            var openssl = Verifiers.openssl(chain, ip, "sslserver");
            assertThat(openssl.accepted()).as(openssl.output()).isTrue();
            var go = Verifiers.go(chain, ip, "server");
            assertThat(go.accepted()).as(go.output()).isTrue();
        }
        var wrongHost = Verifiers.go(chain, "other.test", "server");
        assertThat(wrongHost.accepted()).as("a name not in the SAN must be refused: " + wrongHost.output()).isFalse();
    }

    @Test
    void privateKeysAndTheSecretAre0600AndEverythingElse0644() throws IOException {
        Run run = OneShotRuns.inProcess(tmp, env("SSL_KEY_TYPE", "ecdsa-p256", "SSL_SUBJECT", "localhost", "SILENT", "yes"));
        assertThat(run.exitCode()).as(run.describe()).isZero();

        Map<String, String> modes = new java.util.TreeMap<>();
        try (var files = Files.list(tmp)) {
            for (Path file : files.toList()) {
                modes.put(file.getFileName().toString(), PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            }
        }
        Map<String, String> expected = new java.util.TreeMap<>(Map.of(
                "ca-key.pem", "rw-------", "key.pem", "rw-------", "secret.yaml", "rw-------",
                "ca.pem", "rw-r--r--", "ca.srl", "rw-r--r--", "cert.pem", "rw-r--r--", "key.csr", "rw-r--r--",
                "openssl.cnf", "rw-r--r--", "fullchain.pem", "rw-r--r--", "ca.crl", "rw-r--r--"));
        // Inkan's bundle beside omgwtfssl's files (BUNDLE=yes, the default).
        expected.putAll(Map.of("cert.p12", "rw-------", "cert.p12.password", "rw-------", "haproxy.pem", "rw-------",
                "chain.pem", "rw-r--r--", "ca.crt", "rw-r--r--", "truststore.p12", "rw-r--r--", "README.txt", "rw-r--r--",
                "install-ca-windows.ps1", "rw-r--r--"));
        for (String platform : List.of("linux", "debian", "fedora", "arch", "alpine", "nss", "macos", "java", "node", "python", "curl", "docker")) {
            expected.put("install-ca-" + platform + ".sh", "rwxr-xr-x");
        }
        modes.remove("nginx");
        assertThat(modes).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(tmp.resolve("nginx/ssl.conf")).content().contains("ssl_certificate_key /etc/nginx/inkan/key.pem;");
        var serial = Processes.run(List.of("openssl", "x509", "-noout", "-serial", "-in", tmp.resolve("cert.pem").toString()));
        assertThat("serial=" + Files.readString(tmp.resolve("ca.srl"))).as("ca.srl as openssl writes it").isEqualTo(serial.stdout());
        assertThat(Files.readString(tmp.resolve("fullchain.pem")))
                .isEqualTo(Files.readString(tmp.resolve("cert.pem")) + Files.readString(tmp.resolve("ca.pem")));
        assertThat(Files.readString(tmp.resolve("key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void anExistingCaIsReusedAndTheServerKeyNeverIs() throws IOException {
        Map<String, String> variables = env("SSL_KEY_TYPE", "ecdsa-p256", "SSL_SUBJECT", "localhost", "SILENT", "yes");
        assertThat(OneShotRuns.inProcess(tmp, variables).exitCode()).isZero();
        String caKey = Files.readString(tmp.resolve("ca-key.pem"));
        String caCert = Files.readString(tmp.resolve("ca.pem"));
        String firstKey = Files.readString(tmp.resolve("key.pem"));

        Run second = OneShotRuns.inProcess(tmp, variables);

        assertThat(second.exitCode()).as(second.describe()).isZero();
        assertThat(Files.readString(tmp.resolve("ca-key.pem"))).isEqualTo(caKey);
        assertThat(Files.readString(tmp.resolve("ca.pem"))).isEqualTo(caCert);
        assertThat(Files.readString(tmp.resolve("key.pem"))).isNotEqualTo(firstKey);
        var chain = Verifiers.Chain.write(tmp.resolve("chain"), certificate(tmp.resolve("cert.pem")), List.of(),
                certificate(tmp.resolve("ca.pem")));
        assertThat(Verifiers.openssl(chain, "localhost", "sslserver").accepted()).isTrue();
    }

    @Test
    void yamlOutputHoldsTheFilesUnderOmgwtfsslsKeysAndParsesAsYaml() throws IOException {
        Run run = OneShotRuns.inProcess(tmp, env("SSL_KEY_TYPE", "ecdsa-p256", "SSL_SUBJECT", "localhost", "SILENT", "false"));
        assertThat(run.exitCode()).as(run.describe()).isZero();

        Path yaml = Files.writeString(tmp.resolve("stdout.yaml"), run.stdout());
        var parsed = Processes.run(List.of("python3", "-c", "import sys, yaml, json; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))",
                yaml.toString()));
        assertThat(parsed.ok()).as(parsed.output()).isTrue();
        String json = parsed.stdout();
        for (String[] pair : new String[][] {{"ca_key", "ca-key.pem"}, {"ca_crt", "ca.pem"}, {"ssl_key", "key.pem"},
                {"ssl_csr", "key.csr"}, {"ssl_crt", "cert.pem"}}) {
            String expected = Files.readString(tmp.resolve(pair[1])).replace("\n", "\\n");
            assertThat(json).as(pair[0]).contains("\"" + pair[0] + "\": \"" + expected + "\"");
        }
        assertThat(run.stderr()).contains("Issued cert.pem");
    }

    @Test
    void k8sOutputIsATlsSecretWithTheCaCertificateOnlyWhenAskedAndNeverTheCaKeyUnlessAsked() throws IOException {
        Run run = OneShotRuns.inProcess(tmp, env("SSL_KEY_TYPE", "ecdsa-p256", "SSL_SUBJECT", "localhost", "OUTPUT", "k8s",
                "K8S_NAME", "web-tls", "K8S_NAMESPACE", "apps", "K8S_SAVE_CA_CRT", "yes", "K8S_SAVE_CA_KEY", "no"));
        assertThat(run.exitCode()).as(run.describe()).isZero();

        assertThat(run.stdout()).isEqualTo("---\n" + Files.readString(tmp.resolve("secret.yaml")));
        Path secret = tmp.resolve("secret.yaml");
        var parsed = Processes.run(List.of("python3", "-c", """
                import sys, yaml
                s = yaml.safe_load(open(sys.argv[1]))
                print(s['kind'], s['type'], s['metadata']['name'], s['metadata']['namespace'], ' '.join(sorted(s['data'])))
                print(s['data']['tls.crt'])
                """, secret.toString()));
        assertThat(parsed.ok()).as(parsed.output()).isTrue();
        String[] lines = parsed.stdout().split("\n");
        assertThat(lines[0]).isEqualTo("Secret kubernetes.io/tls web-tls apps ca.crt tls.crt tls.key");
        assertThat(new String(Base64.getDecoder().decode(lines[1]))).isEqualTo(Files.readString(tmp.resolve("cert.pem")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "true", "1", "on", "YES"})
    void silentMeansSilentForEveryWayOfSayingYes(String yes) {
        Run run = OneShotRuns.inProcess(tmp, env("SSL_KEY_TYPE", "ecdsa-p256", "SILENT", yes));
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout() + run.stderr()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"no", "false", "0", "off", ""})
    void silentFalseIsNotSilentUnlikeOmgwtfssl(String no) {
        Run run = OneShotRuns.inProcess(tmp, env("SSL_KEY_TYPE", "ecdsa-p256", "SILENT", no));
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).startsWith("---\nca_key: |\n");
    }

    @Test
    void opensslCnfIsAnHonestRecordThatMakesTheSameExtensionsWithOpenssl() throws IOException {
        Run run = OneShotRuns.inProcess(tmp, env("SSL_KEY_TYPE", "ecdsa-p256", "SSL_SUBJECT", "localhost", "SSL_DNS", "*.app.test",
                "SSL_IP", "127.0.0.1", "SILENT", "yes"));
        assertThat(run.exitCode()).as(run.describe()).isZero();

        Path again = tmp.resolve("again.pem");
        var sign = Processes.run(List.of("openssl", "x509", "-req", "-in", "key.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem",
                "-set_serial", "7", "-days", "1", "-extfile", "openssl.cnf", "-extensions", "v3_req", "-out", again.toString()),
                tmp, Map.of(), java.time.Duration.ofMinutes(1));
        assertThat(sign.ok()).as(sign.output()).isTrue();
        String extensions = "basicConstraints,keyUsage,extendedKeyUsage,subjectAltName,subjectKeyIdentifier,authorityKeyIdentifier";
        var ours = Processes.run(List.of("openssl", "x509", "-noout", "-ext", extensions, "-in", tmp.resolve("cert.pem").toString()));
        var theirs = Processes.run(List.of("openssl", "x509", "-noout", "-ext", extensions, "-in", again.toString()));
        assertThat(theirs.stdout()).isEqualTo(ours.stdout()).contains("DNS:*.app.test", "IP Address:127.0.0.1", "critical");
    }

    @Test
    void aNameConstrainedCaSignsInsideItsDomainAndRefusesOutsideIt() {
        Path ok = tmp.resolve("ok");
        Run inside = OneShotRuns.inProcess(ok, env("SSL_KEY_TYPE", "ecdsa-p256", "SSL_SUBJECT", "db.corp.test",
                "CA_PERMITTED_DNS", "corp.test", "SILENT", "yes"));
        assertThat(inside.exitCode()).as(inside.describe()).isZero();
        X509Certificate ca = certificate(ok.resolve("ca.pem"));
        assertThat(ca.getExtensionValue("2.5.29.30")).as("nameConstraints").isNotNull();
        var chain = Verifiers.Chain.write(tmp.resolve("chain"), certificate(ok.resolve("cert.pem")), List.of(), ca);
        assertThat(Verifiers.go(chain, "db.corp.test", "server").accepted()).isTrue();

        Path refused = tmp.resolve("refused");
        Run outside = OneShotRuns.inProcess(refused, env("SSL_KEY_TYPE", "ecdsa-p256", "SSL_SUBJECT", "db.corp.test",
                "SSL_DNS", "evil.test", "CA_PERMITTED_DNS", "corp.test"));
        assertThat(outside.exitCode()).isEqualTo(1);
        assertThat(outside.stderr()).startsWith("SSL_DNS: 'evil.test' is outside");
        assertThat(refused).doesNotExist();
    }

    @Test
    void theClientProfileMakesAClientCertificateThatOpensslAcceptsForClients() {
        Run run = OneShotRuns.inProcess(tmp, env("SSL_KEY_TYPE", "ecdsa-p256", "SSL_SUBJECT", "Jane Doe", "SSL_PROFILE", "client",
                "SILENT", "yes"));
        assertThat(run.exitCode()).as(run.describe()).isZero();
        X509Certificate cert = certificate(tmp.resolve("cert.pem"));
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=Jane Doe");
        var chain = Verifiers.Chain.write(tmp.resolve("chain"), cert, List.of(), certificate(tmp.resolve("ca.pem")));
        assertThat(Verifiers.openssl(chain, null, "sslclient").accepted()).isTrue();
        assertThat(Verifiers.openssl(chain, null, "sslserver").accepted()).isFalse();
    }

    @Test
    void serverPlusClientProfileCarriesBothExtendedKeyUsages() throws Exception {
        Run run = OneShotRuns.inProcess(tmp, env("SSL_KEY_TYPE", "ecdsa-p256", "SSL_PROFILE", "server+client", "SILENT", "yes"));
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(certificate(tmp.resolve("cert.pem")).getExtendedKeyUsage())
                .containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
    }

    @Test
    void aCertificateLongerLivedThanItsCaIsCutToTheCaAndTheUserIsTold() {
        Run run = OneShotRuns.inProcess(tmp, env("SSL_KEY_TYPE", "ecdsa-p256", "CA_EXPIRE", "10", "SSL_EXPIRE", "60"));
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(certificate(tmp.resolve("cert.pem")).getNotAfter()).isEqualTo(certificate(tmp.resolve("ca.pem")).getNotAfter());
        assertThat(run.stderr()).contains("inkan: warning: SSL_EXPIRE: validity clamped to the CA's notAfter ").contains(": asked 60 days, got 10 days");

        Run plain = OneShotRuns.inProcess(tmp.resolve("plain"), env("SSL_KEY_TYPE", "ecdsa-p256"));
        assertThat(plain.stderr()).doesNotContain("clamped");
    }

    @Test
    void helpListsEveryVariableWithItsDefaultAndWritesNothing() {
        var out = new java.io.ByteArrayOutputStream();
        int code = OneShotCommand.run(List.of("--help"), Map.of(), new java.io.PrintStream(out, true), System.err);
        assertThat(code).isZero();
        assertThat(out.toString()).contains("usage: inkan oneshot [--out DIR]", "  SSL_SIZE=2048", "  CA_EXPIRE=60",
                "  SSL_KEY_TYPE=rsa", "  OUTPUT=yaml");
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void anUnknownArgumentExitsOneWithTheUsage() {
        var err = new java.io.ByteArrayOutputStream();
        int code = OneShotCommand.run(List.of("--outt", tmp.toString()), Map.of(), System.out, new java.io.PrintStream(err, true));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("inkan oneshot: unexpected argument '--outt'; usage:").hasLineCount(1);
    }

    @Test
    void aNewCaComesWithAnEmptyCrlItSignedThatOpensslCrlCheckAccepts() throws IOException {
        Run run = OneShotRuns.inProcess(tmp, env("SILENT", "yes", "SSL_KEY_TYPE", "ecdsa-p256", "SSL_SUBJECT", "localhost"));
        assertThat(run.exitCode()).as(run.describe()).isZero();
        String crl = tmp.resolve("ca.crl").toString();
        var signature = Processes.run(List.of("openssl", "crl", "-in", crl, "-CAfile", tmp.resolve("ca.pem").toString(), "-noout", "-verify"));
        assertThat(signature.output()).as("signed by the CA in ca.pem").contains("verify OK");
        var text = Processes.run(List.of("openssl", "crl", "-in", crl, "-noout", "-text"));
        assertThat(text.stdout()).contains("No Revoked Certificates.").contains("X509v3 CRL Number:", "1")
                .contains("X509v3 Authority Key Identifier");
        var nextUpdate = Processes.run(List.of("openssl", "crl", "-in", crl, "-noout", "-nextupdate"));
        var caEnd = Processes.run(List.of("openssl", "x509", "-in", tmp.resolve("ca.pem").toString(), "-noout", "-enddate"));
        assertThat(nextUpdate.stdout().replace("nextUpdate=", "")).as("valid as long as the CA").isEqualTo(caEnd.stdout().replace("notAfter=", ""));
        var verify = Processes.run(List.of("openssl", "verify", "-crl_check", "-CAfile", tmp.resolve("ca.pem").toString(), "-CRLfile", crl,
                tmp.resolve("cert.pem").toString()));
        assertThat(verify.output()).as("a server that requires a CRL accepts the certificate").contains(": OK");

        String first = Files.readString(tmp.resolve("ca.crl"));
        Run again = OneShotRuns.inProcess(tmp, env("SILENT", "yes", "SSL_KEY_TYPE", "ecdsa-p256", "SSL_SUBJECT", "other.test"));
        assertThat(again.exitCode()).as(again.describe()).isZero();
        assertThat(Files.readString(tmp.resolve("ca.crl"))).as("a reused CA's CRL (maybe with revocations) is left alone").isEqualTo(first);
    }

    @Test
    void theCaHasTheKeyUsageStrictClientsRequire() {
        Run run = OneShotRuns.inProcess(tmp, env("SILENT", "yes", "SSL_KEY_TYPE", "ecdsa-p256"));
        assertThat(run.exitCode()).as(run.describe()).isZero();
        X509Certificate ca = certificate(tmp.resolve("ca.pem"));
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(ca.getKeyUsage()[6]).as("cRLSign").isTrue();
        assertThat(ca.getCriticalExtensionOIDs()).contains("2.5.29.15", "2.5.29.19");
    }
}
