package dev.inkan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.InkanApplication;
import dev.inkan.testing.ApiClient;
import dev.inkan.testing.Tools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code inkan backup} of a stopped service's data directory, then {@code inkan restore} into an empty
 * data directory: the restored service serves the same CAs, certificates with their status, keys and audit.
 */
class BackupRestoreTests {

    private static final String TOKEN = "backup-test-token-0123456789";

    @Test
    void aBackupRestoresIntoAServiceWithTheSameCasCertificatesKeysAndAudit() throws Exception {
        Path work = Files.createTempDirectory(Files.createDirectories(Tools.buildDir()), "backup-");
        Path original = work.resolve("original");
        Path restored = work.resolve("restored");
        Path archive = work.resolve("inkan-backup.zip");
        String cas;
        String certificates;
        String keyPem;
        long id;
        List<String> audit;
        try (ConfigurableApplicationContext service = start(original)) {
            ApiClient api = ApiClient.of(service, TOKEN);
            var issued = api.post("/api/v1/certificates", "{\"dnsNames\":[\"kept.backup.test\"]}").json();
            id = issued.path("id").asLong();
            long gone = api.post("/api/v1/certificates", "{\"dnsNames\":[\"gone.backup.test\"]}").json().path("id").asLong();
            assertThat(api.post("/api/v1/certificates/" + gone + "/revoke", "{\"reason\":\"keyCompromise\"}").status()).isEqualTo(200);

            cas = api.get("/api/v1/cas").text();
            certificates = api.get("/api/v1/certificates?sort=issued&q=backup.test").json().path("items").toString();
            keyPem = issued.path("privateKeyPem").asString();
            audit = service.getBean(JdbcClient.class).sql("SELECT action || ' ' || COALESCE(certificate_id, 0) FROM audit_event ORDER BY id")
                    .query(String.class).list();
        }
        var out = new ByteArrayOutputStream();
        var backupErr = new ByteArrayOutputStream();
        int exit = BackupCommand.run("backup", List.of("--out", archive.toString(), "--data-dir", original.toString(),
                "--include-master-key"), Map.of(), new PrintStream(out), new PrintStream(backupErr));
        assertThat(exit).as(backupErr.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("with master.key");
        assertThat(Files.getPosixFilePermissions(archive)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);

        var err = new ByteArrayOutputStream();
        assertThat(BackupCommand.run("restore", List.of("--from", archive.toString(), "--data-dir", restored.toString()), Map.of(),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err))).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(BackupCommand.run("restore", List.of("--from", archive.toString(), "--data-dir", restored.toString()), Map.of(),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err))).as("never over an existing database").isEqualTo(1);

        try (ConfigurableApplicationContext service = start(restored)) {
            ApiClient api = ApiClient.of(service, TOKEN);
            assertThat(api.get("/api/v1/cas").text()).isEqualTo(cas);
            assertThat(api.get("/api/v1/certificates?sort=issued&q=backup.test").json().path("items").toString()).isEqualTo(certificates);
            assertThat(api.get("/api/v1/certificates/" + id + "/key.pem").text()).isEqualTo(keyPem);
            List<String> restoredAudit = service.getBean(JdbcClient.class)
                    .sql("SELECT action || ' ' || COALESCE(certificate_id, 0) FROM audit_event ORDER BY id").query(String.class).list();
            assertThat(restoredAudit).startsWith(audit.toArray(String[]::new)).hasSizeGreaterThanOrEqualTo(4);
            assertThat(api.post("/api/v1/certificates", "{\"dnsNames\":[\"restored.backup.test\"]}").status()).isEqualTo(201);
        }
    }

    @Test
    void postgresqlIsBackedUpWithItsOwnTools() {
        var err = new ByteArrayOutputStream();
        assertThat(BackupCommand.run("backup", List.of("--out", "x.zip"), Map.of("INKAN_DATABASE_URL", "jdbc:postgresql://db/inkan"),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("pg_dump");
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(InkanApplication.class).run("--inkan.data-dir=" + dataDir, "--server.port=0", "--inkan.transport.http-port=0",
                "--logging.level.root=WARN", "--inkan.admin-token=" + TOKEN);
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }
}
