package dev.inkan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.inkan.testing.ApiClient;
import dev.inkan.testing.ClusterNode;
import dev.inkan.testing.PostgresServer;
import dev.inkan.testing.Processes;
import dev.inkan.testing.ServiceProcess;
import dev.inkan.testing.TestDatabase;
import dev.inkan.testing.Tools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Backups taken while the service issues under load (three clients): H2 through {@code inkan backup}, which asks
 * the running service ({@code POST /api/v1/backup}), and PostgreSQL with {@code pg_dump -Fc}. Each is restored into
 * a fresh data directory or database, where every certificate acknowledged before the backup started is present
 * with its serial.
 */
class OnlineBackupTests {

    private static final String TOKEN = "online-backup-token-0123456789";
    private static final Duration START = Duration.ofMinutes(6);

    @Test
    void inkanBackupWhileTheServiceIssuesRestoresEveryCertificateAcknowledgedBeforeIt() throws Exception {
        Path work = Files.createTempDirectory(Files.createDirectories(Tools.buildDir()), "online-backup-");
        Path dataDir = work.resolve("data");
        Path archive = work.resolve("inkan-backup.zip");
        Map<Long, String> before;
        int exit;
        var err = new ByteArrayOutputStream();
        Load load;
        try (ServiceProcess service = ServiceProcess.start(dataDir, Map.of("INKAN_ADMIN_TOKEN", TOKEN), START)) {
            Path caPem = Files.writeString(work.resolve("ca.pem"), service.api(null).get("/ca.pem").text());
            load = Load.start(service.api(TOKEN));
            await().atMost(START).until(() -> load.acknowledged.size() >= 20);
            before = new HashMap<>(load.acknowledged);

            exit = BackupCommand.run("backup", List.of("--out", archive.toString(), "--data-dir", dataDir.toString(),
                    "--url", "https://127.0.0.1:" + service.port(), "--cacert", caPem.toString(), "--include-master-key"),
                    Map.of("INKAN_ADMIN_TOKEN", TOKEN), new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
            int atBackupEnd = load.acknowledged.size();
            await().atMost(START).until(() -> load.acknowledged.size() >= atBackupEnd + 10);
            load.stop();
        }
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(load.failures.get()).as("issuance went on during the backup without an error").isZero();

        Path restored = work.resolve("restored");
        assertThat(BackupCommand.run("restore", List.of("--from", archive.toString(), "--data-dir", restored.toString()), Map.of(),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err))).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(restored.resolve("master.key")).exists();
        Map<Long, String> inBackup;
        try (Connection h2 = DriverManager.getConnection(BackupCommand.url(restored), "inkan", "")) {
            inBackup = certificates(new org.springframework.jdbc.datasource.SingleConnectionDataSource(h2, true));
        }
        assertThat(inBackup).containsAllEntriesOf(before);
        System.out.printf("online H2 backup: %d certificates acknowledged before it, %d in it, %d acknowledged in all%n",
                before.size(), inBackup.size(), load.acknowledged.size());
    }

    @Test
    void pgDumpWhileANodeIssuesRestoresEveryCertificateAcknowledgedBeforeIt() throws Exception {
        PostgresServer postgres = PostgresServer.shared();
        String url = postgres.createDatabase();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path work = Files.createTempDirectory(Files.createDirectories(Tools.buildDir()), "pg-backup-");
        Path dump = work.resolve("inkan.dump");
        Map<Long, String> before;
        Processes.Result dumped;
        Load load;
        try (ClusterNode node = ClusterNode.start(work.resolve("node"), Map.of("INKAN_DATABASE_URL", url,
                "INKAN_DATABASE_USERNAME", PostgresServer.USER, "INKAN_ADMIN_TOKEN", TOKEN,
                "INKAN_MASTER_KEY", Base64.getEncoder().encodeToString(key)))) {
            ApiClient.Response refused = node.api(TOKEN).post("/api/v1/backup", null);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
            assertThat(refused.contentType()).isEqualTo("application/problem+json");
            assertThat(refused.text()).contains("pg_dump");

            load = Load.start(node.api(TOKEN));
            await().atMost(START).until(() -> load.acknowledged.size() >= 20);
            before = new HashMap<>(load.acknowledged);
            dumped = Processes.run(List.of(PostgresServer.program("pg_dump").toString(), "-Fc", "-h", "127.0.0.1",
                    "-p", String.valueOf(postgres.port()), "-U", PostgresServer.USER, "-f", dump.toString(), database(url)),
                    null, Map.of(), START);
            int atBackupEnd = load.acknowledged.size();
            await().atMost(START).until(() -> load.acknowledged.size() >= atBackupEnd + 10);
            load.stop();
        }
        assertThat(dumped.exitCode()).as(dumped.output()).isZero();
        assertThat(load.failures.get()).as("issuance went on during pg_dump without an error").isZero();

        String restoredUrl = postgres.createDatabase();
        Processes.Result restored = Processes.run(List.of(PostgresServer.program("pg_restore").toString(), "-h", "127.0.0.1",
                "-p", String.valueOf(postgres.port()), "-U", PostgresServer.USER, "-d", database(restoredUrl), dump.toString()),
                null, Map.of(), START);
        assertThat(restored.exitCode()).as(restored.output()).isZero();
        Map<Long, String> inBackup = certificates(TestDatabase.postgresql(restoredUrl));
        assertThat(inBackup).containsAllEntriesOf(before);
        System.out.printf("pg_dump under load: %d certificates acknowledged before it, %d in it, %d acknowledged in all%n",
                before.size(), inBackup.size(), load.acknowledged.size());
    }

    private static Map<Long, String> certificates(DataSource database) throws SQLException {
        Map<Long, String> all = new HashMap<>();
        JdbcClient.create(database).sql("SELECT id, serial_number FROM certificate")
                .query((rs, n) -> all.put(rs.getLong(1), rs.getString(2))).list();
        return all;
    }

    private static String database(String jdbcUrl) {
        return jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
    }

    /** Three clients issuing until stopped; what was acknowledged (id to serial) and what failed. */
    private static final class Load {
        final Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        final AtomicInteger failures = new AtomicInteger();
        private final ExecutorService clients = Executors.newFixedThreadPool(3);
        private volatile boolean stopped;

        static Load start(ApiClient api) {
            Load load = new Load();
            for (int c = 0; c < 3; c++) {
                int client = c;
                load.clients.submit(() -> {
                    for (int n = 0; !load.stopped; n++) {
                        try {
                            ApiClient.Response response = api.post("/api/v1/certificates",
                                    "{\"dnsNames\":[\"c" + client + "-" + n + ".backup.test\"]}");
                            if (response.status() == 201) {
                                var json = response.json();
                                load.acknowledged.put(json.path("id").asLong(), json.path("serialNumber").asString());
                            } else {
                                load.failures.incrementAndGet();
                            }
                        } catch (RuntimeException | AssertionError e) {
                            load.failures.incrementAndGet();
                        }
                    }
                });
            }
            return load;
        }

        void stop() throws InterruptedException {
            stopped = true;
            clients.shutdown();
            assertThat(clients.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        }
    }
}
