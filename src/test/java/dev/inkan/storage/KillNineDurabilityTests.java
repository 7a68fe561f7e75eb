package dev.inkan.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.inkan.testing.ApiClient;
import dev.inkan.testing.ServiceProcess;
import dev.inkan.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What the service acknowledged survives {@code kill -9}: several clients issue and revoke over the REST
 * API, the real service (a child JVM) is SIGKILLed while they do, and the database it leaves is read after
 * each of three rounds. Every certificate answered 201 is there with the serial the client was given and
 * its audit row, every revocation answered 200 is there, every CA answered 201 is there, no id was handed
 * out twice, and no row from an earlier round changed.
 */
class KillNineDurabilityTests {

    private static final String TOKEN = "kill-nine-test-token-0123456789";
    private static final int ROUNDS = 3;
    private static final int CLIENTS = 4;
    /** Per round, acknowledged issuances before the kill: a few seconds of load on an idle machine. */
    private static final int ISSUED_BEFORE_KILL = 120;

    /** One row of the ledger as the database holds it after a crash. */
    record Row(String serial, boolean revoked, String revocationReason, String derSha256, String createdAt) {}

    private final Map<Long, String> issued = new ConcurrentHashMap<>();
    private final Map<Long, String> revoked = new ConcurrentHashMap<>();
    private final Map<Long, String> cas = new ConcurrentHashMap<>();
    private final List<String> reused = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());

    @Test
    void everyAcknowledgedCertificateRevocationAndCaSurvivesSigkillAndNoIdIsReused() throws Exception {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Tools.buildDir()), "kill-nine-");
        Map<Long, Row> before = Map.of();
        List<String> figures = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            long highestIdBefore = before.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
            int issuedBefore = issued.size();
            int revokedBefore = revoked.size();
            try (ServiceProcess service = ServiceProcess.start(dataDir, Map.of("INKAN_ADMIN_TOKEN", TOKEN), Duration.ofMinutes(10))) {
                ApiClient api = service.api(TOKEN);
                JsonNode ca = api.post("/api/v1/cas", "{\"name\":\"Crash round " + round + " CA\"}").json();
                cas.put(ca.path("id").asLong(), ca.path("fingerprintSha256").asString());

                AtomicBoolean killed = new AtomicBoolean();
                AtomicInteger issuedThisRound = new AtomicInteger();
                List<Thread> clients = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    int r = round;
                    Thread thread = new Thread(() -> issueAndRevoke(api, r, client, killed, issuedThisRound), "client-" + c);
                    thread.start();
                    clients.add(thread);
                }
                await().atMost(Duration.ofMinutes(5)).until(() -> issuedThisRound.get() >= ISSUED_BEFORE_KILL || !failures.isEmpty());
                killed.set(true);
                service.kill9();
                for (Thread client : clients) {
                    client.join(60_000);
                }
            }

            assertThat(failures).as("requests refused before the kill").isEmpty();
            Map<Long, Row> after = ledger(dataDir);
            Map<Long, List<String>> audit = auditActions(dataDir);
            Map<Long, String> caRows = caFingerprints(dataDir);

            assertThat(reused).as("ids answered twice").isEmpty();
            List<Long> lost = issued.entrySet().stream().filter(e -> after.get(e.getKey()) == null
                    || !after.get(e.getKey()).serial().equals(e.getValue())).map(Map.Entry::getKey).sorted().toList();
            assertThat(lost).as("acknowledged certificates missing or under another serial after SIGKILL in round %d, of %d",
                    round, issued.size()).isEmpty();
            issued.forEach((id, serial) ->
                    assertThat(audit.getOrDefault(id, List.of())).as("audit of certificate %d", id).contains("certificate.issued"));
            revoked.forEach((id, reason) -> {
                assertThat(after.get(id).revoked()).as("acknowledged revocation of %d", id).isTrue();
                assertThat(after.get(id).revocationReason()).isEqualTo(reason);
                assertThat(audit.get(id)).as("audit of the revocation of %d", id).contains("certificate.revoked");
            });
            cas.forEach((id, fingerprint) -> assertThat(caRows.get(id)).as("acknowledged CA %d", id).isEqualTo(fingerprint));
            // ids after the restart continue above everything the crashed process had committed
            Map<Long, Row> earlier = before;
            assertThat(issued.keySet().stream().filter(id -> !earlier.containsKey(id)))
                    .as("ids answered in round %d, all above the highest id the previous crash left (%d)", round, highestIdBefore)
                    .allMatch(id -> id > highestIdBefore);
            // nothing else changed: an earlier row is the same, except a revocation acknowledged since
            for (var entry : before.entrySet()) {
                Row then = entry.getValue();
                Row now = after.get(entry.getKey());
                assertThat(now).as("row %d of an earlier round", entry.getKey()).isNotNull();
                Row expected = revoked.containsKey(entry.getKey()) && !then.revoked()
                        ? new Row(then.serial(), true, now.revocationReason(), then.derSha256(), then.createdAt()) : then;
                assertThat(now).as("row %d of an earlier round", entry.getKey()).isEqualTo(expected);
            }
            // at most one request per client was in flight at the kill: committed, never answered
            long unanswered = after.keySet().stream().filter(id -> !issued.containsKey(id)).count();
            assertThat(unanswered).isLessThanOrEqualTo((long) CLIENTS * round);
            figures.add("round " + round + ": acknowledged " + (issued.size() - issuedBefore) + " certificates and "
                    + (revoked.size() - revokedBefore) + " revocations; after SIGKILL the ledger holds all "
                    + issued.size() + " acknowledged certificates (" + after.size() + " rows, " + unanswered
                    + " committed but unanswered) and all " + revoked.size() + " revocations");
            before = after;
        }
        figures.forEach(System.out::println);
    }

    /** One client: issue, and revoke every fourth of its own certificates, until the service dies. */
    private void issueAndRevoke(ApiClient api, int round, int client, AtomicBoolean killed, AtomicInteger issuedThisRound) {
        List<Long> mine = new ArrayList<>();
        for (int n = 0; !killed.get(); n++) {
            try {
                ApiClient.Response response = api.post("/api/v1/certificates",
                        "{\"dnsNames\":[\"c" + client + "-" + n + ".r" + round + ".crash.test\"],\"validityDays\":30}");
                if (response.status() != 201) {
                    throw new AssertionError("issuance answered " + response);
                }
                JsonNode body = response.json();
                long id = body.path("id").asLong();
                String previous = issued.putIfAbsent(id, body.path("serialNumber").asString());
                if (previous != null) {
                    reused.add("id " + id + " answered for serial " + previous + " and " + body.path("serialNumber").asString());
                }
                issuedThisRound.incrementAndGet();
                mine.add(id);
                if (n % 4 == 3) {
                    long victim = mine.remove(0);
                    String reason = n % 8 == 3 ? "keyCompromise" : "superseded";
                    ApiClient.Response revocation = api.post("/api/v1/certificates/" + victim + "/revoke",
                            "{\"reason\":\"" + reason + "\"}");
                    if (revocation.status() != 200) {
                        throw new AssertionError("revocation answered " + revocation);
                    }
                    revoked.put(victim, reason);
                }
            } catch (AssertionError e) {
                if (!killed.get()) {
                    failures.add("client " + client + ": " + e.getMessage());
                }
                return; // after the kill: the request it cut off, never acknowledged
            }
        }
    }

    // The database as the crashed process left it, read with H2 directly (the service is dead; its lock went with it).

    private static Map<Long, Row> ledger(Path dataDir) throws SQLException {
        Map<Long, Row> rows = new HashMap<>();
        try (Connection db = open(dataDir); ResultSet rs = db.createStatement().executeQuery(
                "SELECT id, serial_number, revoked, revocation_reason, certificate_der, created_at FROM certificate")) {
            while (rs.next()) {
                rows.put(rs.getLong(1), new Row(rs.getString(2), rs.getBoolean(3), rs.getString(4), sha256(rs.getBytes(5)),
                        rs.getString(6)));
            }
        }
        return rows;
    }

    private static Map<Long, List<String>> auditActions(Path dataDir) throws SQLException {
        Map<Long, List<String>> actions = new HashMap<>();
        try (Connection db = open(dataDir); ResultSet rs = db.createStatement().executeQuery(
                "SELECT certificate_id, action FROM audit_event WHERE certificate_id IS NOT NULL ORDER BY id")) {
            while (rs.next()) {
                actions.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        return actions;
    }

    private static Map<Long, String> caFingerprints(Path dataDir) throws SQLException {
        Map<Long, String> rows = new HashMap<>();
        try (Connection db = open(dataDir); ResultSet rs = db.createStatement().executeQuery(
                "SELECT id, fingerprint_sha256 FROM certificate_authority")) {
            while (rs.next()) {
                rows.put(rs.getLong(1), rs.getString(2));
            }
        }
        return rows;
    }

    private static Connection open(Path dataDir) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("inkan") + ";ACCESS_MODE_DATA=r", "inkan", "");
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
