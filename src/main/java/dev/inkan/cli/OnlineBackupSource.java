package dev.inkan.cli;

import dev.inkan.storage.DatabaseBackup;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipOutputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The running service, asked for an online backup ({@code POST /api/v1/backup}) when it holds the H2 file.
 * Where: {@code --url}, else this machine's service as the environment describes it
 * ({@code http://127.0.0.1:$INKAN_PORT} with {@code INKAN_TLS=off}, else {@code https://127.0.0.1:$INKAN_HTTPS_PORT});
 * trusted through {@code --cacert PEM} or the JDK's trust store; the admin token from {@code INKAN_ADMIN_TOKEN} or the
 * data directory's generated {@code admin-token}.
 */
record OnlineBackupSource(URI url, Path caCertificates, Path dataDir, String token) {

    static OnlineBackupSource of(List<String> args, Map<String, String> env, Path dataDir) {
        String url = BackupCommand.option(args, "--url", "off".equalsIgnoreCase(env.get("INKAN_TLS"))
                ? "http://127.0.0.1:" + env.getOrDefault("INKAN_PORT", "8080")
                : "https://127.0.0.1:" + env.getOrDefault("INKAN_HTTPS_PORT", "8443"));
        String caCertificates = BackupCommand.option(args, "--cacert", null);
        return new OnlineBackupSource(URI.create(url.replaceAll("/+$", "") + "/api/v1/backup"),
                caCertificates == null ? null : Path.of(caCertificates), dataDir, env.get("INKAN_ADMIN_TOKEN"));
    }

    /** Has the service copy its database and puts the copy into {@code archive}. */
    void backupInto(Path scratchDir, ZipOutputStream archive) throws IOException {
        Path download = Files.createTempFile(scratchDir, ".inkan-online-", ".zip");
        try {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(30)).header("Authorization", "Bearer " + adminToken())
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<Path> response = client().send(request, HttpResponse.BodyHandlers.ofFile(download));
            if (response.statusCode() != 200) {
                throw new IllegalArgumentException("the database is in use and the running service at " + url + " answered "
                        + response.statusCode() + ": " + Files.readString(download, StandardCharsets.UTF_8).strip()
                        + " (give --url of the service, and INKAN_ADMIN_TOKEN; or stop the service and run the backup again)");
            }
            DatabaseBackup.copyDatabaseEntry(download, archive);
        } catch (IOException e) {
            if (e instanceof java.net.ConnectException || e instanceof java.net.http.HttpConnectTimeoutException) {
                throw new IllegalArgumentException("the database in " + dataDir + " is in use, but no service answers at " + url
                        + "; give --url of the running service (and --cacert of its CA), or stop it and run the backup again");
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the service wrote its backup", e);
        } finally {
            Files.deleteIfExists(download);
        }
    }

    @Override
    public String toString() {
        return "the service at " + url; // never the token
    }

    private String adminToken() throws IOException {
        if (token != null && !token.isBlank()) {
            return token;
        }
        Path file = dataDir.resolve("admin-token");
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("the database is in use: the running service takes the backup, and asking it needs"
                    + " the admin token; set INKAN_ADMIN_TOKEN");
        }
        return Files.readString(file, StandardCharsets.US_ASCII).strip();
    }

    private HttpClient client() throws IOException {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (caCertificates != null) {
            try (InputStream pem = Files.newInputStream(caCertificates)) {
                KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
                trusted.load(null, null);
                int n = 0;
                for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                    trusted.setCertificateEntry("ca-" + n++, certificate);
                }
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(trusted);
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(null, trust.getTrustManagers(), null);
                builder.sslContext(tls);
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("--cacert " + caCertificates + " holds no usable certificate: " + e.getMessage());
            }
        }
        return builder.build();
    }
}
