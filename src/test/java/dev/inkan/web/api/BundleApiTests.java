package dev.inkan.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.export.RootOfTrust;
import dev.inkan.export.TrustInstallers;
import dev.inkan.testing.ApiClient;
import dev.inkan.testing.BundleSite;
import dev.inkan.testing.NginxServer;
import dev.inkan.testing.Processes;
import dev.inkan.testing.RunningService;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/v1/certificates/{id}/bundle.zip} and the public {@code GET /install/{platform}}, over HTTP. */
class BundleApiTests extends RunningService {

    @TempDir
    Path tmp;

    private long issueLocalhost() {
        ApiClient.Response issued = api().post("/api/v1/certificates",
                "{\"commonName\":\"localhost\",\"dnsNames\":[\"localhost\"],\"ipAddresses\":[\"127.0.0.1\"]}");
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        return issued.json().path("id").asLong();
    }

    private HttpResponse<byte[]> bundle(long id, String password, String query) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api().base() + "/api/v1/certificates/" + id + "/bundle.zip" + query))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30));
        if (password != null) {
            request.header("X-Inkan-P12-Password", password);
        }
        return dev.inkan.testing.TrustedCas.httpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void bundleZipOfAnIssuedCertificateIsServedByNginxAsIsAndTrustedByCurlOpensslJavaAndPython() throws Exception {
        long id = issueLocalhost();
        HttpResponse<byte[]> response = bundle(id, "zip-p12-password", "");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/zip");
        assertThat(response.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"certificate-" + id + "-bundle.zip\"");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(response.headers().firstValue("X-Inkan-P12-Password")).as("a password the caller chose is not echoed").isEmpty();

        Path bundle = BundleSite.unzip(response.body(), tmp.resolve("bundle"));
        assertThat(Files.getPosixFilePermissions(bundle.resolve("key.pem"))).hasSize(2); // rw-------
        try (NginxServer nginx = BundleSite.serve(bundle, tmp.resolve("nginx"))) {
            BundleSite.assertEveryClientTrusts(bundle, "localhost", nginx.port());
        }
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(Files.newInputStream(bundle.resolve("cert.p12")), "zip-p12-password".toCharArray());
        assertThat(p12.getCertificateChain("inkan")).hasSize(2);
        assertThat(Files.readString(bundle.resolve("ca.pem"))).isEqualTo(anonymous().get("/ca.pem").text());
        assertThat(Files.readString(bundle.resolve("README.txt"))).contains("curl -fsSL " + plain().base()
                + "/install/linux -o inkan-install-ca-linux.sh && echo '" + TrustInstallers.sha256(plain().get("/install/linux").text()) + "  inkan-install-ca-linux.sh' | sha256sum -c - && sudo sh");
    }

    @Test
    void withoutAPasswordOneIsMadeAndReturnedInTheResponseHeaderAndLegacyEncryptionIsOnRequest() throws Exception {
        long id = issueLocalhost();
        HttpResponse<byte[]> response = bundle(id, null, "?encryption=legacy&namespace=shop&secretName=web-tls");
        assertThat(response.statusCode()).isEqualTo(200);
        String password = response.headers().firstValue("X-Inkan-P12-Password").orElseThrow();
        assertThat(password).hasSize(24);
        Path p12 = null;
        Map<String, byte[]> entries = new java.util.HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(response.body()))) {
            for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        p12 = Files.write(tmp.resolve("cert.p12"), entries.get("cert.p12"));
        var info = Processes.run(List.of("openssl", "pkcs12", "-info", "-noout", "-in", p12.toString(), "-passin", "pass:" + password));
        assertThat(info.ok()).as(info.output()).isTrue();
        assertThat(info.output()).contains("pbeWithSHA1And3-KeyTripleDES-CBC");
        assertThat(new String(entries.get("secret.yaml"))).contains("name: web-tls").contains("namespace: shop");

        assertThat(bundle(id, "abc", "").statusCode()).as("a 3-character password is refused").isEqualTo(400);
        assertThat(api().delete("/api/v1/certificates/" + id + "/key").status()).isEqualTo(204);
        HttpResponse<byte[]> withoutKey = bundle(id, null, "");
        assertThat(withoutKey.statusCode()).isEqualTo(409);
        assertThat(new String(withoutKey.body())).contains("no stored private key").contains("fullchain.pem");
        assertThat(anonymous().get("/api/v1/certificates/" + id + "/bundle.zip").status()).isEqualTo(401);
        assertThat(bundle(987654321L, "password", "").statusCode()).isEqualTo(404);
    }

    @Test
    void installScriptsArePublicCarryTheDefaultCaAndTheNssOnePipedFromCurlTrustsIt() throws Exception {
        RootOfTrust ca = RootOfTrust.fromPem(anonymous().get("/ca.pem").text());
        ApiClient.Response linux = anonymous().get("/install/linux");
        assertThat(linux.status()).isEqualTo(200);
        assertThat(linux.contentType()).startsWith("text/x-shellscript");
        assertThat(linux.text()).startsWith("#!/bin/sh").contains("INKAN_CA_SHA256='" + ca.sha256() + "'").contains(ca.pem().strip())
                .contains("curl -fsSL " + plain().base() + "/install/linux | sudo sh");
        assertThat(plain().get("/install/linux").text()).as("the same bytes over plain HTTP, so one pinned hash fits both").isEqualTo(linux.text());
        Path script = Files.writeString(tmp.resolve("linux.sh"), linux.text());
        var shellcheck = Processes.run(List.of("shellcheck", script.toString()));
        assertThat(shellcheck.ok()).as(shellcheck.output()).isTrue();

        ApiClient.Response windows = anonymous().get("/install/windows");
        assertThat(windows.contentType()).startsWith("text/plain");
        assertThat(windows.text()).contains("$CaSha256 = '" + ca.sha256() + "'").contains("Import-Certificate");
        ApiClient.Response index = anonymous().get("/install");
        String nssCommand = index.text().lines().filter(line -> line.contains("/install/nss")).findFirst().orElseThrow().strip();
        assertThat(index.text()).contains(ca.sha256Colons());
        assertThat(nssCommand).startsWith("curl -fsSL " + plain().base() + "/install/nss -o inkan-install-ca-nss.sh && echo '"
                + TrustInstallers.sha256(plain().get("/install/nss").text()) + "  inkan-install-ca-nss.sh' | sha256sum -c - && sh inkan-install-ca-nss.sh");
        ApiClient.Response unknown = anonymous().get("/install/beos");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text()).contains("linux, debian, fedora");
        var unknownPiped = Processes.run(List.of("sh", "-c", "curl -sS \"$1\" | sh", "pipe", plain().base() + "/install/beos"));
        assertThat(unknownPiped.exitCode()).isEqualTo(1);
        assertThat(unknownPiped.stderr()).startsWith("inkan: no install script for this platform; use one of linux,");

        Path home = Files.createDirectories(tmp.resolve("home"));
        // The pinned one-liner exactly as /install prints it: download, check the SHA-256, run.
        var piped = Processes.run(List.of("sh", "-c", nssCommand), Files.createDirectories(tmp.resolve("cwd")),
                Map.of("HOME", home.toString()), Duration.ofSeconds(60));
        assertThat(piped.ok()).as(piped.output()).isTrue();
        assertThat(piped.stdout()).contains("SHA-256 fingerprint: " + ca.sha256Colons());
        var listed = Processes.run(List.of("certutil", "-L", "-d", "sql:" + home.resolve(".pki/nssdb")));
        assertThat(listed.stdout()).contains(ca.label());
    }
}
