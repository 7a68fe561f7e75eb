package dev.inkan.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.InkanApplication;
import dev.inkan.engine.Pem;
import dev.inkan.testing.ApiClient;
import dev.inkan.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The service stopped and started again on the same data directory finds everything: its CA (not a
 * second one), the generated token, every certificate with its status, and the keys, which still
 * decrypt with the master key file it made 0600 on first start.
 */
class RestartTests {

    private static ConfigurableApplicationContext start(Path dataDir, String... extra) {
        // command-line arguments, as a user gives them: they win over application.properties
        String[] arguments = new String[extra.length + 4];
        arguments[0] = "--inkan.data-dir=" + dataDir;
        arguments[1] = "--server.port=0";
        arguments[2] = "--logging.level.root=WARN";
        arguments[3] = "--inkan.transport.http-port=0";
        for (int i = 0; i < extra.length; i++) {
            arguments[4 + i] = "--" + extra[i];
        }
        return new SpringApplicationBuilder(InkanApplication.class).run(arguments);
    }

    @Test
    void everythingIssuedIsFoundAgainAfterARestart() throws Exception {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Tools.buildDir()), "restart-data-");
        String token;
        JsonNode ca;
        JsonNode kept;
        JsonNode revoked;
        try (ConfigurableApplicationContext first = start(dataDir, "inkan.admin-password=correct horse battery")) {
            Path tokenFile = dataDir.resolve("admin-token");
            assertThat(Files.getPosixFilePermissions(tokenFile)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE);
            assertThat(Files.getPosixFilePermissions(dataDir.resolve("master.key"))).containsExactlyInAnyOrder(
                    PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            token = Files.readString(tokenFile).strip();
            String stored = first.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                    .sql("SELECT setting_value FROM setting WHERE setting_name = 'admin-token-sha256'").query(String.class).single();
            assertThat(stored).isNotEqualTo(token).hasSize(64);
            ApiClient api = ApiClient.of(first, token);
            ca = api.get("/api/v1/cas").json().get(0);
            kept = api.post("/api/v1/certificates", "{\"dnsNames\":[\"kept.test\"],\"ipAddresses\":[\"10.0.0.7\"]}").json();
            revoked = api.post("/api/v1/certificates", "{\"dnsNames\":[\"gone.test\"]}").json();
            assertThat(api.post("/api/v1/certificates/" + revoked.path("id").asLong() + "/revoke", "{\"reason\":\"keyCompromise\"}")
                    .status()).isEqualTo(200);
        }

        try (ConfigurableApplicationContext second = start(dataDir)) {
            ApiClient api = ApiClient.of(second, token);
            JsonNode cas = api.get("/api/v1/cas").json();
            assertThat(cas.size()).isEqualTo(1);
            assertThat(cas.get(0).path("fingerprintSha256").asString()).isEqualTo(ca.path("fingerprintSha256").asString());
            assertThat(Files.readString(dataDir.resolve("admin-token")).strip()).isEqualTo(token);

            JsonNode found = api.get("/api/v1/certificates/" + kept.path("id").asLong()).json();
            assertThat(found.path("serialNumber").asString()).isEqualTo(kept.path("serialNumber").asString());
            assertThat(found.path("status").asString()).isEqualTo("valid");
            assertThat(api.get("/api/v1/certificates/" + kept.path("id").asLong() + "/key.pem").text())
                    .isEqualTo(kept.path("privateKeyPem").asString());
            ApiClient.Response p12 = api.post("/api/v1/certificates/" + kept.path("id").asLong() + "/pkcs12", "{\"password\":\"after restart\"}");
            KeyStore.getInstance("PKCS12").load(new java.io.ByteArrayInputStream(p12.body()), "after restart".toCharArray());
            assertThat(api.get("/api/v1/certificates?q=10.0.0.7").json().path("items").get(0).path("id").asLong())
                    .isEqualTo(kept.path("id").asLong());
            JsonNode gone = api.get("/api/v1/certificates/" + revoked.path("id").asLong()).json();
            assertThat(gone.path("status").asString()).isEqualTo("revoked");
            assertThat(gone.path("revocationReason").asString()).isEqualTo("keyCompromise");

            // the CA key decrypts after the restart: issuing from it works and chains to the same root
            JsonNode after = api.post("/api/v1/certificates", "{\"dnsNames\":[\"after.test\"]}").json();
            assertThat(Pem.readCertificates("chain", after.path("chainPem").asString()).get(0).getEncoded())
                    .isEqualTo(Pem.readCertificates("ca", ca.path("certificatePem").asString()).get(0).getEncoded());
            assertThat(api.get("/api/v1/certificates").json().path("total").asLong()).isEqualTo(3);
        }
    }

    @Test
    void tokenPasswordAndMasterKeyFromTheEnvironmentAreUsedAndNoSecretFileIsWritten() throws Exception {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Tools.buildDir()), "environment-data-");
        String masterKey = java.util.Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
        try (ConfigurableApplicationContext context = start(dataDir, "inkan.admin-password=correct horse battery",
                "inkan.admin-token=api-token-for-this-test", "inkan.master-key=" + masterKey)) {
            var credentials = context.getBean(dev.inkan.config.AdminCredentials.class);
            assertThat(credentials.passwordMatches("admin", "correct horse battery")).isTrue();
            assertThat(credentials.passwordMatches("admin", "api-token-for-this-test")).isFalse();
            assertThat(credentials.tokenMatches("api-token-for-this-test")).isTrue();
            assertThat(Files.exists(dataDir.resolve("admin-token"))).as("no token file when the token is given").isFalse();
            assertThat(Files.exists(dataDir.resolve("master.key"))).as("no key file when the master key is given").isFalse();
            ApiClient api = ApiClient.of(context, "api-token-for-this-test");
            assertThat(api.post("/api/v1/certificates", "{\"dnsNames\":[\"env.test\"]}").status()).isEqualTo(201);
        }
    }
}
