package dev.inkan.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inkan.engine.KeyType;
import dev.inkan.testing.Browsers;
import dev.inkan.testing.BundleSite;
import dev.inkan.testing.NginxServer;
import dev.inkan.testing.Processes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle made by {@link BundleExport}, unpacked and served by Debian's nginx with the bundle's own
 * {@code nginx/site.conf} and {@code ssl.conf} (the test changes only the paths and the port), then
 * reached by curl, openssl, Java, Python and Chromium, before and after the trust helpers ran.
 */
class BundleServedByNginxTests {

    @TempDir
    static Path dir;
    static Path bundleDir;
    static NginxServer nginx;
    static String url;
    static dev.inkan.engine.CertificateBundle bundle;

    @BeforeAll
    static void serveTheBundle() throws Exception {
        bundleDir = dir.resolve("bundle");
        var export = new BundleExport(TemplateRenderer.packaged());
        bundle = TestBundles.localhost("Inkan E2E Root", KeyType.EC_P256);
        byte[] zip = export.zip(bundle,
                BundleOptions.defaults("e2e-password".toCharArray()));
        nginx = BundleSite.serve(BundleSite.unzip(zip, bundleDir), dir.resolve("nginx"));
        url = "https://localhost:" + nginx.port() + "/";
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void curlTrustsTheServerWithCaPemAndRefusesItWithoutTheCa() {
        BundleSite.assertCurlTrusts(bundleDir.resolve("ca.pem"), url);
        var untrusted = Processes.run(List.of("curl", "-sS", url));
        assertThat(untrusted.exitCode()).as(untrusted.output()).isEqualTo(60); // CURLE_PEER_FAILED_VERIFICATION
    }

    @Test
    void opensslSClientVerifiesTheChainAndHostnameWithTls13Only() {
        BundleSite.assertOpensslVerifies(bundleDir.resolve("ca.pem"), "localhost", nginx.port());
        var tls13 = Processes.run(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + nginx.port(), "-brief"));
        assertThat(tls13.output()).contains("Protocol version: TLSv1.3");
        var tls11 = Processes.run(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + nginx.port(), "-tls1_1", "-brief"));
        assertThat(tls11.ok()).as("ssl.conf allows only TLS 1.2 and 1.3").isFalse();
    }

    @Test
    void javaHttpClientTrustsTheServerThroughTruststoreP12AndNotWithoutIt() {
        BundleSite.assertJavaTrusts(bundleDir.resolve("truststore.p12"), url);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void pythonDefaultSslContextTrustsTheServerWithCafileCaPem() {
        BundleSite.assertPythonTrusts(bundleDir.resolve("ca.pem"), url);
    }

    @Test
    void chromiumLoadsThePageOnlyAfterTheNssHelperTrustedTheCaInAFreshHome() throws Exception {
        Path untrustedHome = Files.createDirectories(dir.resolve("home-without-helper"));
        var before = Browsers.chromiumDumpDom(untrustedHome, url, dir);
        assertThat(before.dom()).doesNotContain(BundleSite.MARKER);
        assertThat(before.loadError()).isEqualTo("ERR_CERT_AUTHORITY_INVALID");

        Path home = Files.createDirectories(dir.resolve("home-with-helper"));
        Map<String, String> env = Map.of("HOME", home.toString());
        var install = Processes.run(List.of("sh", bundleDir.resolve("install-ca-nss.sh").toString()), null, env, Duration.ofSeconds(60));
        assertThat(install.ok()).as(install.output()).isTrue();
        assertThat(install.stdout()).contains("SHA-256 fingerprint: " + RootOfTrust.of(bundle.root()).sha256Colons())
                .contains("created the NSS database " + home + "/.pki/nssdb").contains("trusted in 1 NSS database(s)");
        assertThat(home.resolve(".pki/nssdb/cert9.db")).exists();

        var after = Browsers.chromiumDumpDom(home, url, dir);
        assertThat(after.loadError()).as(after.log()).isNull();
        assertThat(after.dom()).contains(BundleSite.MARKER);
    }

    @Test
    void linuxHelperPipedToShMakesTheDebianSystemStoreTrustTheServerAndTheDebianUninstallUndoesIt() {
        Path helper = bundleDir.resolve("install-ca-debian.sh");
        try {
            // As `curl -fsSL http://HOST:PORT/install/linux | sudo sh` runs it: the script on stdin, detecting Debian.
            var install = Processes.run(List.of("sh", "-c", "cat \"$1\" | sh", "pipe", bundleDir.resolve("install-ca-linux.sh").toString()),
                    null, Map.of(), Duration.ofSeconds(120));
            assertThat(install.ok()).as(install.output()).isTrue();
            assertThat(install.stdout()).contains("system trust store: debian").contains("installed in the system store");
            var curl = Processes.run(List.of("curl", "-sS", url));
            assertThat(curl.ok()).as("curl with the system store after install: " + curl.output()).isTrue();
            assertThat(curl.stdout()).contains(BundleSite.MARKER);
        } finally {
            var uninstall = Processes.run(List.of("sh", helper.toString(), "uninstall"), null, Map.of(), Duration.ofSeconds(120));
            assertThat(uninstall.ok()).as(uninstall.output()).isTrue();
        }
        var curl = Processes.run(List.of("curl", "-sS", url));
        assertThat(curl.exitCode()).as("curl after uninstall: " + curl.output()).isEqualTo(60);
        var status = Processes.run(List.of("sh", helper.toString(), "status"));
        assertThat(status.exitCode()).isEqualTo(3);
        String id = RootOfTrust.of(bundle.root()).id();
        var cacerts = Processes.run(List.of("keytool", "-list", "-cacerts", "-storepass", "changeit"));
        assertThat(cacerts.stdout()).as("ca-certificates-java's copy is removed too").doesNotContain(id);
        assertThat(Path.of("/etc/ssl/certs/" + id + ".pem")).doesNotExist();
    }

    @Test
    void userHelpersMakeCurlPythonAndNodeTrustTheServerThroughTheShellProfileUntilUninstalled() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home-profile"));
        Map<String, String> env = Map.of("HOME", home.toString(), "URL", url);
        String curl = ". \"$HOME/.profile\" && curl -sS \"$URL\"";
        String python = ". \"$HOME/.profile\" && python3 -c 'import os, ssl, urllib.request; "
                + "print(urllib.request.urlopen(os.environ[\"URL\"], context=ssl.create_default_context(), timeout=10).read().decode())'";
        String node = ". \"$HOME/.profile\" && node -e 'require(\"https\").get(process.env.URL, r => { let d = \"\"; "
                + "r.on(\"data\", c => d += c); r.on(\"end\", () => console.log(d)); }).on(\"error\", e => { console.error(e.code); process.exit(1); })'";
        Files.writeString(home.resolve(".profile"), "# the user's own profile\n");
        for (String helper : List.of("install-ca-curl.sh", "install-ca-python.sh", "install-ca-node.sh")) {
            for (int run = 0; run < 2; run++) { // the second run must change nothing
                var install = Processes.run(List.of("sh", bundleDir.resolve(helper).toString()), null, env, Duration.ofSeconds(60));
                assertThat(install.ok()).as(helper + ": " + install.output()).isTrue();
            }
        }
        String profile = Files.readString(home.resolve(".profile"));
        assertThat(profile).startsWith("# the user's own profile\n").containsOnlyOnce("export NODE_EXTRA_CA_CERTS=")
                .containsOnlyOnce("export CURL_CA_BUNDLE=").containsOnlyOnce("export REQUESTS_CA_BUNDLE=").containsOnlyOnce("export SSL_CERT_FILE=");
        for (String client : List.of(curl, python, node)) {
            var result = Processes.run(List.of("sh", "-c", client), null, env, Duration.ofSeconds(60));
            assertThat(result.ok()).as(client + ": " + result.output()).isTrue();
            assertThat(result.stdout()).contains(BundleSite.MARKER);
        }
        var publicSite = Processes.run(List.of("sh", "-c", ". \"$HOME/.profile\" && python3 -c 'import ssl; "
                + "print(len(ssl.create_default_context().get_ca_certs()))'"), null, env, Duration.ofSeconds(30));
        assertThat(Integer.parseInt(publicSite.stdout().strip())).as("the public CAs are kept beside ours").isGreaterThan(50);

        for (String helper : List.of("install-ca-curl.sh", "install-ca-python.sh", "install-ca-node.sh")) {
            var uninstall = Processes.run(List.of("sh", bundleDir.resolve(helper).toString(), "uninstall"), null, env, Duration.ofSeconds(60));
            assertThat(uninstall.ok()).as(helper + ": " + uninstall.output()).isTrue();
        }
        assertThat(Files.readString(home.resolve(".profile"))).isEqualTo("# the user's own profile\n");
        for (String client : List.of(curl, python, node)) {
            var result = Processes.run(List.of("sh", "-c", client), null, env, Duration.ofSeconds(60));
            assertThat(result.ok()).as("after uninstall: " + client).isFalse();
        }
    }

    @Test
    void javaHelperAddsTheCaToTheJdksCacertsAndItsUninstallRemovesIt() throws Exception {
        Path helper = bundleDir.resolve("install-ca-java.sh");
        Path fetch = Files.writeString(dir.resolve("Fetch.java"), String.join("\n",
                "public class Fetch {",
                "  public static void main(String[] args) throws Exception {",
                "    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(args[0])).build();",
                "    System.out.println(java.net.http.HttpClient.newHttpClient().send(request,",
                "        java.net.http.HttpResponse.BodyHandlers.ofString()).body());",
                "  }",
                "}", ""));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, String> env = Map.of("JAVA_HOME", System.getProperty("java.home"));
        try {
            var install = Processes.run(List.of("sh", helper.toString()), null, env, Duration.ofSeconds(60));
            assertThat(install.ok()).as(install.output()).isTrue();
            assertThat(install.stdout()).contains("installed in ").contains("cacerts");
            var trusted = Processes.run(List.of(java, fetch.toString(), url), null, Map.of(), Duration.ofSeconds(60));
            assertThat(trusted.ok()).as(trusted.output()).isTrue();
            assertThat(trusted.stdout()).contains(BundleSite.MARKER);
        } finally {
            var uninstall = Processes.run(List.of("sh", helper.toString(), "uninstall"), null, env, Duration.ofSeconds(60));
            assertThat(uninstall.ok()).as(uninstall.output()).isTrue();
        }
        var untrusted = Processes.run(List.of(java, fetch.toString(), url), null, Map.of(), Duration.ofSeconds(60));
        assertThat(untrusted.ok()).isFalse();
        assertThat(untrusted.output()).contains("SSLHandshakeException").contains("PKIX");
    }
}
