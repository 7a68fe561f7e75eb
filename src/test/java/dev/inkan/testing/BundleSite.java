package dev.inkan.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An Inkan bundle (zip from the API, or files from the one-shot) served by nginx with the bundle's
 * own {@code nginx/site.conf} and {@code ssl.conf}: the test changes only the install directory
 * ({@code /etc/nginx/inkan}), the static root and the port. Then the clients the bundle is for.
 */
public final class BundleSite {

    /** What the static root serves, to tell the page from an error page. */
    public static final String MARKER = "inkan-bundle-e2e-page";

    private static final String INSTALL_DIRECTORY = "/etc/nginx/inkan";

    private BundleSite() {}

    /** Unzips the bundle with Info-ZIP's unzip (which applies the entries' modes) into {@code target}. */
    public static Path unzip(byte[] zip, Path target) {
        try {
            Path archive = Files.write(Files.createDirectories(target.getParent()).resolve(target.getFileName() + ".zip"), zip);
            var unzip = Processes.run(List.of("unzip", "-q", archive.toString(), "-d", target.toString()));
            assertThat(unzip.ok()).as(unzip.output()).isTrue();
            return target;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** nginx on {@code bundleDir}'s site.conf (checked by {@code nginx -t}), with its scratch files under {@code work}. */
    public static NginxServer serve(Path bundleDir, Path work) {
        try {
            Path html = Files.createDirectories(work.resolve("html"));
            Files.writeString(html.resolve("index.html"),
                    "<!doctype html><html><head><title>ok</title></head><body><p>" + MARKER + "</p></body></html>\n");
            // nginx's workers run as 'nobody'; JUnit's temporary directories are 0700.
            for (Path p = html; p != null && p.getNameCount() > 1; p = p.getParent()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Path ssl = bundleDir.resolve("nginx/ssl.conf");
            Files.writeString(ssl, Files.readString(ssl).replace(INSTALL_DIRECTORY, bundleDir.toString()));
            String site = Files.readString(bundleDir.resolve("nginx/site.conf"));
            String adjusted = site.replace(INSTALL_DIRECTORY, bundleDir.toString())
                    .replace("listen 443 ssl;", "listen 127.0.0.1:{{port}} ssl;")
                    .replace("root /usr/share/nginx/html;", "root " + html + ";");
            assertThat(adjusted).as("the test adjusts the port and the root").contains("{{port}}").contains("root " + html + ";");
            Files.writeString(bundleDir.resolve("nginx/site.conf"), adjusted);
            NginxServer server = NginxServer.start(work, "include /etc/nginx/mime.types;\n" + adjusted);
            Path prefix = work.resolve("nginx-" + server.port());
            var check = Processes.run(List.of("nginx", "-t", "-c", prefix.resolve("nginx.conf").toString(), "-p", prefix + "/"));
            assertThat(check.ok()).as("nginx -t: " + check.output()).isTrue();
            assertThat(check.output()).contains("syntax is ok").contains("test is successful");
            return server;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** curl, openssl s_client, Java's HttpClient and Python's ssl all trust https://{@code host}:{@code port}/ through the bundle. */
    public static void assertEveryClientTrusts(Path bundleDir, String host, int port) {
        String url = "https://" + host + ":" + port + "/";
        assertCurlTrusts(bundleDir.resolve("ca.pem"), url);
        assertOpensslVerifies(bundleDir.resolve("ca.pem"), host, port);
        assertJavaTrusts(bundleDir.resolve("truststore.p12"), url);
        assertPythonTrusts(bundleDir.resolve("ca.pem"), url);
    }

    public static void assertCurlTrusts(Path caPem, String url) {
        var trusted = Processes.run(List.of("curl", "-sS", "--cacert", caPem.toString(), url));
        assertThat(trusted.ok()).as("curl --cacert: " + trusted.output()).isTrue();
        assertThat(trusted.stdout()).contains(MARKER);
    }

    public static void assertOpensslVerifies(Path caPem, String host, int port) {
        var result = Processes.run(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-servername", host,
                "-verify_return_error", "-verify_hostname", host, "-CAfile", caPem.toString(), "-brief"));
        assertThat(result.ok()).as("openssl s_client: " + result.output()).isTrue();
        assertThat(result.output()).contains("Verification: OK");
    }

    public static void assertJavaTrusts(Path trustStoreP12, String url) {
        try {
            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            try (var in = new FileInputStream(trustStoreP12.toFile())) {
                trustStore.load(in, "changeit".toCharArray());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            HttpResponse<String> response = HttpClient.newBuilder().sslContext(context).build().send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains(MARKER);
        } catch (Exception e) {
            throw new AssertionError("Java HttpClient with truststore.p12: " + e, e);
        }
    }

    public static void assertPythonTrusts(Path caPem, String url) {
        var result = Processes.run(List.of("python3", "-c", String.join("\n",
                "import ssl, sys, urllib.request",
                "context = ssl.create_default_context(cafile=sys.argv[1])",
                "print(urllib.request.urlopen(sys.argv[2], context=context, timeout=10).read().decode())"),
                caPem.toString(), url));
        assertThat(result.ok()).as("python ssl: " + result.output()).isTrue();
        assertThat(result.stdout()).contains(MARKER);
    }
}
