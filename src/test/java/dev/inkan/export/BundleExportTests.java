package dev.inkan.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inkan.engine.CertificateBundle;
import dev.inkan.engine.KeyType;
import dev.inkan.engine.Pem;
import dev.inkan.engine.Pkcs12;
import dev.inkan.engine.PolicyViolationException;
import dev.inkan.testing.Processes;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The files of a bundle, opened by the programs that consume them: unzip, the JDK, openssl, PyYAML. */
class BundleExportTests {

    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();
    private static CertificateBundle bundle;

    @TempDir
    Path dir;

    @BeforeAll
    static void issue() {
        bundle = TestBundles.localhost("Inkan Bundle Test Root", KeyType.EC_P256);
    }

    private static List<OutputFile> files(BundleOptions options) {
        return new BundleExport(TemplateRenderer.packaged()).files(bundle, options);
    }

    private static Map<String, OutputFile> byName(List<OutputFile> files) {
        return files.stream().collect(Collectors.toMap(OutputFile::name, f -> f));
    }

    private static String text(Map<String, OutputFile> files, String name) {
        return new String(files.get(name).content(), StandardCharsets.UTF_8);
    }

    @Test
    void unzippedBundleHoldsEveryFileWithPrivateMaterialReadableOnlyByItsOwner() throws Exception {
        List<OutputFile> files = files(BundleOptions.defaults(PASSWORD));
        assertThat(files).extracting(OutputFile::name).containsExactly("cert.pem", "key.pem", "chain.pem", "fullchain.pem",
                "ca.pem", "ca.crt", "cert.p12", "truststore.p12", "haproxy.pem", "secret.yaml", "nginx/ssl.conf", "nginx/site.conf",
                "README.txt", "install-ca-linux.sh", "install-ca-debian.sh", "install-ca-fedora.sh", "install-ca-arch.sh",
                "install-ca-alpine.sh", "install-ca-nss.sh", "install-ca-macos.sh", "install-ca-windows.ps1", "install-ca-java.sh",
                "install-ca-node.sh", "install-ca-python.sh", "install-ca-curl.sh", "install-ca-docker.sh");
        Path zip = Files.write(dir.resolve("bundle.zip"), BundleArchive.zip(files));
        var unzip = Processes.run(List.of("unzip", "-q", zip.toString(), "-d", dir.resolve("out").toString()));
        assertThat(unzip.ok()).as(unzip.output()).isTrue();
        for (OutputFile file : files) {
            Path unpacked = dir.resolve("out").resolve(file.name());
            assertThat(Files.readAllBytes(unpacked)).as(file.name()).isEqualTo(file.content());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(unpacked))).as(file.name())
                    .isEqualTo(modeString(file.mode()));
        }
        assertThat(Files.getPosixFilePermissions(dir.resolve("out/install-ca-linux.sh"))).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String secret : List.of("key.pem", "cert.p12", "haproxy.pem", "secret.yaml")) {
            assertThat(Files.getPosixFilePermissions(dir.resolve("out").resolve(secret))).as(secret)
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** 0640 as "rw-r-----". */
    private static String modeString(int mode) {
        StringBuilder text = new StringBuilder();
        for (int bit = 8; bit >= 0; bit--) {
            text.append((mode & (1 << bit)) == 0 ? '-' : "rwx".charAt((8 - bit) % 3));
        }
        return text.toString();
    }

    @Test
    void pemFilesHoldTheLeafTheChainAndTheRootInTheOrderServersSendThem() throws Exception {
        Map<String, OutputFile> files = byName(files(BundleOptions.defaults(PASSWORD)));
        X509Certificate root = bundle.root();
        assertThat(Pem.readCertificates("cert.pem", text(files, "cert.pem"))).containsExactly(bundle.certificate());
        assertThat(Pem.readCertificates("chain.pem", text(files, "chain.pem"))).containsExactly(root);
        assertThat(Pem.readCertificates("fullchain.pem", text(files, "fullchain.pem"))).containsExactly(bundle.certificate(), root);
        assertThat(Pem.readCertificates("ca.pem", text(files, "ca.pem"))).containsExactly(root);
        assertThat(files.get("ca.crt").content()).isEqualTo(root.getEncoded());
        PrivateKey key = Pem.readPrivateKey("key.pem", text(files, "key.pem"), null);
        assertThat(key.getEncoded()).isEqualTo(bundle.privateKey().getEncoded());
        assertThat(text(files, "haproxy.pem")).isEqualTo(text(files, "fullchain.pem") + text(files, "key.pem"));
        var der = Processes.run(List.of("openssl", "x509", "-inform", "DER", "-in",
                Files.write(dir.resolve("ca.crt"), files.get("ca.crt").content()).toString(), "-noout", "-subject"));
        assertThat(der.stdout()).contains("Inkan Bundle Test Root");
    }

    @Test
    void withAnIntermediateChainPemHoldsBothCasButCaPemAndTheTrustStoreOnlyTheRoot() throws Exception {
        CertificateBundle chained = TestBundles.viaIntermediate("Inkan Chain Test Root");
        Map<String, OutputFile> files = byName(new BundleExport(TemplateRenderer.packaged()).files(chained, BundleOptions.defaults(PASSWORD)));
        X509Certificate intermediate = chained.chain().get(0);
        assertThat(Pem.readCertificates("chain.pem", text(files, "chain.pem"))).containsExactly(intermediate, chained.root());
        assertThat(Pem.readCertificates("fullchain.pem", text(files, "fullchain.pem")))
                .containsExactly(chained.certificate(), intermediate, chained.root());
        assertThat(Pem.readCertificates("ca.pem", text(files, "ca.pem"))).containsExactly(chained.root());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(new ByteArrayInputStream(files.get("truststore.p12").content()), "changeit".toCharArray());
        assertThat(trust.size()).isEqualTo(1);
        assertThat(text(files, "README.txt")).contains("Issued by:       Inkan Chain Test Root Intermediate")
                .contains("CA to trust:     Inkan Chain Test Root\n");
        Path leaf = Files.writeString(dir.resolve("cert.pem"), text(files, "cert.pem"));
        var verify = Processes.run(List.of("openssl", "verify", "-x509_strict", "-CAfile", Files.writeString(dir.resolve("ca.pem"),
                text(files, "ca.pem")).toString(), "-untrusted", Files.writeString(dir.resolve("chain.pem"), text(files, "chain.pem")).toString(),
                leaf.toString()));
        assertThat(verify.output()).contains(": OK");
    }

    @ParameterizedTest
    @EnumSource(Pkcs12.Encryption.class)
    void certP12OpensWithTheJdkAndOpensslOnlyWithItsPassword(Pkcs12.Encryption encryption) throws Exception {
        Map<String, OutputFile> files = byName(files(BundleOptions.defaults(PASSWORD).withEncryption(encryption)));
        byte[] p12 = files.get("cert.p12").content();

        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(p12), PASSWORD);
        assertThat(store.isKeyEntry(BundleExport.PKCS12_ALIAS)).isTrue();
        assertThat(store.getCertificateChain(BundleExport.PKCS12_ALIAS)).containsExactly(bundle.certificate(), bundle.root());
        assertThat(store.getKey(BundleExport.PKCS12_ALIAS, PASSWORD).getEncoded()).isEqualTo(bundle.privateKey().getEncoded());

        Path file = Files.write(dir.resolve("cert.p12"), p12);
        var info = Processes.run(List.of("openssl", "pkcs12", "-info", "-in", file.toString(), "-passin", "pass:" + new String(PASSWORD),
                "-nodes"), null, Map.of(), Duration.ofSeconds(30));
        assertThat(info.ok()).as(info.output()).isTrue();
        assertThat(info.output()).contains(encryption == Pkcs12.Encryption.MODERN
                ? "PBES2, PBKDF2, AES-256-CBC" : "pbeWithSHA1And3-KeyTripleDES-CBC");
        assertThat(info.output()).contains("BEGIN PRIVATE KEY").contains("subject=CN = localhost");
        var wrong = Processes.run(List.of("openssl", "pkcs12", "-info", "-in", file.toString(), "-passin", "pass:wrong", "-nodes"));
        assertThat(wrong.ok()).isFalse();
        assertThat(wrong.output()).containsIgnoringCase("mac verify");
    }

    @Test
    void truststoreP12HoldsOnlyTheRootAsATrustedEntry() throws Exception {
        Map<String, OutputFile> files = byName(files(BundleOptions.defaults(PASSWORD)));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(files.get("truststore.p12").content()), "changeit".toCharArray());
        List<String> aliases = java.util.Collections.list(store.aliases());
        assertThat(aliases).hasSize(1);
        assertThat(store.isCertificateEntry(aliases.get(0))).isTrue();
        assertThat(store.getCertificate(aliases.get(0))).isEqualTo(bundle.root());
        var keytool = Processes.run(List.of("keytool", "-list", "-storetype", "PKCS12", "-storepass", "changeit", "-keystore",
                Files.write(dir.resolve("t.p12"), files.get("truststore.p12").content()).toString()));
        assertThat(keytool.output()).contains("trustedCertEntry").contains("1 entry");
    }

    @Test
    void secretYamlIsAKubernetesTlsSecretWhoseDataDecodesToTheBundlesPem() throws Exception {
        Map<String, OutputFile> files = byName(files(BundleOptions.defaults(PASSWORD).withSecret("web-tls", "shop", true)));
        Path yaml = Files.write(dir.resolve("secret.yaml"), files.get("secret.yaml").content());
        var parsed = Processes.run(List.of("python3", "-c", String.join("\n",
                "import base64, json, sys, yaml",
                "s = yaml.safe_load(open(sys.argv[1]))",
                "print(json.dumps({'apiVersion': s['apiVersion'], 'kind': s['kind'], 'type': s['type'],",
                "  'name': s['metadata']['name'], 'namespace': s['metadata']['namespace'],",
                "  'data': {k: base64.b64decode(v, validate=True).decode() for k, v in s['data'].items()}}))"),
                yaml.toString()));
        assertThat(parsed.ok()).as(parsed.output()).isTrue();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(parsed.stdout());
        assertThat(json.get("apiVersion").asText()).isEqualTo("v1");
        assertThat(json.get("kind").asText()).isEqualTo("Secret");
        assertThat(json.get("type").asText()).isEqualTo("kubernetes.io/tls");
        assertThat(json.get("name").asText()).isEqualTo("web-tls");
        assertThat(json.get("namespace").asText()).isEqualTo("shop");
        assertThat(json.get("data").get("tls.crt").asText()).isEqualTo(text(files, "fullchain.pem"));
        assertThat(json.get("data").get("tls.key").asText()).isEqualTo(text(files, "key.pem"));
        assertThat(json.get("data").get("ca.crt").asText()).isEqualTo(text(files, "ca.pem"));

        Map<String, OutputFile> withoutCa = byName(files(BundleOptions.defaults(PASSWORD).withSecret(null, null, false)));
        assertThat(text(withoutCa, "secret.yaml")).doesNotContain("ca.crt:").contains("name: localhost-tls").contains("namespace: default");
    }

    @Test
    void nginxFilesPointAtTheInstallDirectoryAndUseOnlyTls12And13() {
        Map<String, OutputFile> files = byName(files(BundleOptions.defaults(PASSWORD).withInstallDirectory("/srv/tls/app/")));
        assertThat(text(files, "nginx/ssl.conf")).contains("ssl_certificate     /srv/tls/app/fullchain.pem;")
                .contains("ssl_certificate_key /srv/tls/app/key.pem;").contains("ssl_protocols TLSv1.2 TLSv1.3;")
                .contains("ssl_session_cache shared:").contains("ssl_session_tickets off;");
        assertThat(text(files, "nginx/site.conf")).contains("listen 443 ssl;").contains("server_name localhost 127.0.0.1;")
                .contains("include /srv/tls/app/nginx/ssl.conf;").contains("#     proxy_pass http://127.0.0.1:8080;")
                .contains("#     proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;")
                .contains("#     proxy_set_header X-Forwarded-Proto $scheme;");
        assertThat(text(files, "README.txt")).contains("unzip -o bundle.zip -d /srv/tls/app").contains(RootOfTrust.of(bundle.root()).sha256Colons())
                .contains("WARNING: this CA is unconstrained");
    }

    @Test
    void bundleOfACertificateWhoseKeyIsNotHeldIsRefusedWithWhatToDoInstead() {
        CertificateBundle withoutKey = new CertificateBundle(bundle.certificate(), bundle.chain(), null);
        assertThatThrownBy(() -> new BundleExport(TemplateRenderer.packaged()).files(withoutKey, BundleOptions.defaults(PASSWORD)))
                .isInstanceOf(PolicyViolationException.class).hasMessageContaining("cert.pem and chain.pem instead");
        assertThatThrownBy(() -> BundleOptions.defaults(new char[0])).hasMessageContaining("needs a password");
    }

    @Test
    void secretNamesAreKubernetesObjectNames() {
        assertThat(BundleExport.secretName("*.App.test")).isEqualTo("wildcard.app.test-tls");
        assertThat(BundleExport.secretName("fd00::1")).isEqualTo("fd00--1-tls");
    }
}
