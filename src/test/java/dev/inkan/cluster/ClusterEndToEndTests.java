package dev.inkan.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.inkan.engine.CertificateProfile;
import dev.inkan.engine.KeyType;
import dev.inkan.engine.LeafSpec;
import dev.inkan.engine.Pem;
import dev.inkan.engine.SigningRequest;
import dev.inkan.testing.ApiClient;
import dev.inkan.testing.NginxServer;
import dev.inkan.testing.PostgresServer;
import dev.inkan.testing.ClusterNode;
import dev.inkan.testing.TestDatabase;
import dev.inkan.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import dev.inkan.testing.Processes;
import dev.inkan.testing.ServiceProcess;
import dev.inkan.testing.UiBrowser;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Three Inkan JVMs (real processes) on one real PostgreSQL behind nginx round-robin. Clients issue,
 * sign CSRs, revoke and list, through nginx and straight to the nodes, while one node is killed with
 * SIGKILL and another restarted. At the end every acknowledged certificate is there exactly once with
 * its serial, serials are distinct, every acknowledged issuance and revocation is in the audit, the
 * three nodes answer the same list, and a CA created on one node issues on another. A browser logged in on
 * one node is logged in on every node (UI sessions in the database), until its session expires and is
 * deleted; a node started with another master key refuses to start and writes nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterEndToEndTests {

    private static final int CLIENTS = 4;
    private static final int OPERATIONS_PER_CLIENT = 30;
    private static final String TOKEN = "cluster-test-token-0123456789";

    private record Issued(long id, String serial) {}

    private static String url;
    private static Map<String, String> env;
    private static Path work;
    private static final List<ClusterNode> nodes = new ArrayList<>();
    private static NginxServer nginx;

    @BeforeAll
    static void threeNodesBehindNginx() throws Exception {
        url = PostgresServer.shared().createDatabase();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        // expired UI sessions are deleted every second here (every minute by default)
        env = Map.of("INKAN_DATABASE_URL", url, "INKAN_DATABASE_USERNAME", PostgresServer.USER,
                "INKAN_ADMIN_TOKEN", TOKEN, "INKAN_MASTER_KEY", Base64.getEncoder().encodeToString(key),
                "INKAN_DATABASE_POOL_SIZE", "6", "INKAN_SESSION_CLEANUP_CRON", "* * * * * *");
        work = Files.createTempDirectory(Files.createDirectories(Tools.buildDir()), "cluster-");
        for (int i = 1; i <= 3; i++) {
            nodes.add(ClusterNode.launch(work.resolve("node" + i), env));
        }
        nodes.forEach(ClusterNode::awaitUp);
        nginx = NginxServer.start(work, roundRobin(nodes));
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
        nodes.forEach(ClusterNode::close);
    }

    @Test
    @Order(1) // first: it counts the one default CA that three nodes made at once
    void threeNodesOnOnePostgresqlSurviveAKillAndARestartAndAgreeOnEverything() throws Exception {
        run(nodes, nginx, url);
    }

    @Test
    void aUiLoginOnOneNodeServesCsrfProtectedFormsOnTheOthersUntilTheSessionExpires() throws Exception {
        UiBrowser browser = new UiBrowser();
        browser.logIn(nodes.get(0).port(), TOKEN);

        // the form's CSRF token comes from node 2, the post goes to node 3, the page it leads to opens on node 1
        String csrf = browser.csrfToken(nodes.get(1).port(), "/cas/new");
        HttpResponse<String> created = browser.postForm(nodes.get(2).port(), "/cas/new",
                "name=" + UiBrowser.encode("Made through a shared session") + "&_csrf=" + UiBrowser.encode(csrf));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        String trustPage = URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
        assertThat(trustPage).matches("/cas/\\d+/trust");
        assertThat(browser.get(nodes.get(0).port(), trustPage).body()).contains("<title>Trust Made through a shared session");
        // a flash message (kept in the session across the redirect) set on node 2 shows on node 3
        String caPage = trustPage.replace("/trust", "");
        HttpResponse<String> crl = browser.postForm(nodes.get(1).port(), caPage + "/crl",
                "_csrf=" + UiBrowser.encode(browser.csrfToken(nodes.get(0).port(), caPage)));
        assertThat(crl.statusCode()).as(crl.body()).isEqualTo(302);
        assertThat(browser.get(nodes.get(2).port(), caPage).body()).containsPattern("Issued CRL number \\d+ with 0 entries\\.");
        for (int i = 0; i < 6; i++) { // round-robin: every node in turn
            HttpResponse<String> home = browser.get(nginx.port(), "/");
            assertThat(home.statusCode()).as("request %d through nginx", i).isEqualTo(200);
        }

        // idle for longer than its timeout: every node refuses it, and the cleanup deletes it
        JdbcClient db = JdbcClient.create(TestDatabase.postgresql(url));
        String sessionId = new String(Base64.getDecoder().decode(browser.sessionCookie()), java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(db.sql("UPDATE ui_session SET last_access_time = last_access_time - max_inactive_interval * 1000 - 60000,"
                + " expiry_time = expiry_time - max_inactive_interval * 1000 - 60000 WHERE session_id = ?").param(sessionId).update())
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> db.sql("SELECT COUNT(*) FROM ui_session WHERE session_id = ?")
                .param(sessionId).query(Long.class).single() == 0);
        HttpResponse<String> expired = browser.get(nodes.get(1).port(), "/");
        assertThat(expired.statusCode()).isEqualTo(302);
        assertThat(expired.headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    @Test
    void aNodeWithAnotherMasterKeyRefusesToStartAndWritesNothing() throws Exception {
        JdbcClient db = JdbcClient.create(TestDatabase.postgresql(url));
        List<String> before = stateOf(db);
        Map<String, String> wrong = new HashMap<>(env);
        wrong.put("INKAN_MASTER_KEY", Base64.getEncoder().encodeToString(new byte[32]));
        wrong.put("INKAN_TLS", "off");
        wrong.put("LOGGING_LEVEL_ROOT", "WARN");

        Processes.Result refused = ServiceProcess.runToExit(work.resolve("wrong-key"), wrong, Duration.ofMinutes(6));

        assertThat(refused.exitCode()).as(refused.output()).isNotZero();
        assertThat(refused.stderr().strip().lines()).as("stderr").hasSize(1).first().asString()
                .startsWith("Inkan cannot start: ").contains("INKAN_MASTER_KEY is not the master key this database was sealed with");
        assertThat(stateOf(db)).as("nothing written").isEqualTo(before);
        assertThat(nodes.get(0).api(TOKEN).post("/api/v1/certificates", "{\"dnsNames\":[\"after-refusal.test\"]}").status())
                .as("the cluster still issues").isEqualTo(201);
    }

    /** What a refused node could have written: the settings, and the size and last id of what Inkan keeps. */
    private static List<String> stateOf(JdbcClient db) {
        List<String> state = new ArrayList<>(db.sql("SELECT setting_name || '=' || setting_value FROM setting ORDER BY setting_name")
                .query(String.class).list());
        for (String table : List.of("certificate_authority", "certificate", "audit_event", "flyway_schema_history")) {
            String id = table.equals("flyway_schema_history") ? "installed_rank" : "id";
            state.add(table + " " + db.sql("SELECT COUNT(*) || ' ' || COALESCE(MAX(" + id + "), 0) FROM " + table).query(String.class).single());
        }
        return state;
    }

    private void run(List<ClusterNode> nodes, NginxServer nginx, String url) throws Exception {
        ApiClient proxy = ApiClient.plain(nginx.port(), TOKEN);
        Map<Long, Issued> issued = new ConcurrentHashMap<>();
        Map<Long, Boolean> revoked = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(pool.submit(() -> {
                List<Long> mine = new ArrayList<>();
                for (int op = 0; op < OPERATIONS_PER_CLIENT; op++) {
                    // clients 0 and 1 go through nginx; 2 and 3 straight to each node in turn, dead or not
                    ApiClient api = client < 2 ? proxy : nodes.get(op % 3).api(TOKEN);
                    try {
                        operate(api, client, op, mine, issued, revoked);
                    } catch (Throwable unacknowledged) {
                        refused.incrementAndGet(); // a node down or killed mid-request: the client saw no answer
                    }
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        int total = CLIENTS * OPERATIONS_PER_CLIENT;
        await().atMost(Duration.ofMinutes(6)).until(() -> done.get() >= total / 3);
        nodes.get(1).kill();
        await().atMost(Duration.ofMinutes(6)).until(() -> done.get() >= 2 * total / 3);
        nodes.get(2).restart();
        for (Future<?> client : clients) {
            client.get();
        }
        pool.shutdown();
        nodes.get(1).restart();

        Map<Long, String> listed = null;
        for (ClusterNode node : nodes) {
            Map<Long, String> list = listAll(node.api(TOKEN));
            if (listed == null) {
                listed = list;
            }
            assertThat(list).as("the list of node " + node.port()).isEqualTo(listed);
        }
        for (Issued certificate : issued.values()) {
            assertThat(listed.get(certificate.id())).as("acknowledged certificate " + certificate.id())
                    .startsWith(certificate.serial() + " ");
        }
        for (Long id : revoked.keySet()) {
            assertThat(listed.get(id)).as("acknowledged revocation " + id).endsWith(" revoked");
        }

        JdbcClient db = JdbcClient.create(TestDatabase.postgresql(url));
        assertThat(db.sql("SELECT COUNT(*) FROM certificate").query(Long.class).single())
                .isEqualTo(db.sql("SELECT COUNT(DISTINCT serial_number) FROM certificate").query(Long.class).single())
                .isEqualTo(listed.size()).isGreaterThanOrEqualTo(issued.size());
        for (Issued certificate : issued.values()) {
            assertThat(db.sql("SELECT COUNT(*) FROM audit_event WHERE certificate_id = ? AND action IN"
                    + " ('certificate.issued', 'certificate.csr-signed')").param(certificate.id()).query(Long.class).single())
                    .as("issuance audit of " + certificate.id()).isEqualTo(1);
        }
        for (Long id : revoked.keySet()) {
            assertThat(db.sql("SELECT COUNT(*) FROM audit_event WHERE certificate_id = ? AND action = 'certificate.revoked'")
                    .param(id).query(Long.class).single()).as("revocation audit of " + id).isEqualTo(1);
        }
        assertThat(db.sql("SELECT COUNT(*) FROM certificate_authority").query(Long.class).single())
                .as("one default CA although three nodes started at once").isEqualTo(1);

        // a CA created on one node issues on another at once
        JsonNode ca = nodes.get(0).api(TOKEN).post("/api/v1/cas", "{\"name\":\"Made on node 1\"}").json();
        ApiClient.Response other = nodes.get(2).api(TOKEN).post("/api/v1/certificates",
                "{\"dnsNames\":[\"from-node-3.test\"],\"caId\":" + ca.path("id").asLong() + "}");
        assertThat(other.status()).as(other.toString()).isEqualTo(201);
        assertThat(Pem.readCertificates("chain", other.json().path("chainPem").asString()).get(0).getEncoded())
                .isEqualTo(Pem.readCertificates("ca", ca.path("certificatePem").asString()).get(0).getEncoded());

        // an intermediate revoked on one node signs nothing more on another that had it cached (CA generation advanced)
        JsonNode intermediate = nodes.get(0).api(TOKEN).post("/api/v1/cas",
                "{\"name\":\"Revoked on node 1\",\"parentId\":" + ca.path("id").asLong() + "}").json();
        String fromIntermediate = "{\"dnsNames\":[\"cached.test\"],\"caId\":" + intermediate.path("id").asLong() + "}";
        ApiClient.Response cached = nodes.get(2).api(TOKEN).post("/api/v1/certificates", fromIntermediate);
        assertThat(cached.status()).as(cached.toString()).isEqualTo(201);
        ApiClient.Response revokedCa = nodes.get(0).api(TOKEN).post("/api/v1/cas/" + intermediate.path("id").asLong() + "/revoke",
                "{\"reason\":\"superseded\"}");
        assertThat(revokedCa.status()).as(revokedCa.toString()).isEqualTo(200);
        ApiClient.Response refusedAfter = nodes.get(2).api(TOKEN).post("/api/v1/certificates", fromIntermediate);
        assertThat(refusedAfter.status()).as(refusedAfter.toString()).isEqualTo(409);
        assertThat(refusedAfter.text()).contains("was revoked");

        System.out.printf("cluster: %d operations, %d certificates acknowledged, %d revocations acknowledged,"
                        + " %d without answer, %d in the ledger%n", total, issued.size(), revoked.size(), refused.get(), listed.size());
        assertThat(issued.size()).as("most operations were acknowledged").isGreaterThan(total / 3);
    }

    private static void operate(ApiClient api, int client, int op, List<Long> mine, Map<Long, Issued> issued,
                                Map<Long, Boolean> revoked) {
        String name = "c" + client + "-op" + op + ".cluster.test";
        switch (op % 5) {
            case 0 -> {
                var keyPair = KeyType.EC_P256.generate();
                String csr = Pem.encode(SigningRequest.create(keyPair, LeafSpec.of(name, List.of(name), List.of(),
                        CertificateProfile.SERVER, 30)));
                acknowledge(api.post("/api/v1/certificates/csr", "{\"csr\":" + ApiClient.quote(csr) + "}"), mine, issued);
            }
            case 3 -> {
                if (!mine.isEmpty()) {
                    long id = mine.remove(0);
                    ApiClient.Response response = api.post("/api/v1/certificates/" + id + "/revoke", "{\"reason\":\"superseded\"}");
                    if (response.status() == 200) {
                        revoked.put(id, true);
                    }
                }
            }
            case 4 -> assertThat(api.get("/api/v1/certificates?size=5").status()).isEqualTo(200);
            default -> acknowledge(api.post("/api/v1/certificates", "{\"dnsNames\":[\"" + name + "\"]}"), mine, issued);
        }
    }

    private static void acknowledge(ApiClient.Response response, List<Long> mine, Map<Long, Issued> issued) {
        if (response.status() == 201) {
            JsonNode json = response.json();
            long id = json.path("id").asLong();
            assertThat(issued.put(id, new Issued(id, json.path("serialNumber").asString()))).as("id " + id + " given twice").isNull();
            mine.add(id);
        }
    }

    /** Every certificate as "serial status", by id, page by page. */
    private static Map<Long, String> listAll(ApiClient api) {
        Map<Long, String> all = new TreeMap<>();
        for (int page = 0; ; page++) {
            JsonNode items = api.get("/api/v1/certificates?size=500&sort=issued&page=" + page).json().path("items");
            items.forEach(item -> all.put(item.path("id").asLong(),
                    item.path("serialNumber").asString() + " " + item.path("status").asString()));
            if (items.size() < 500) {
                return all;
            }
        }
    }

    private static String roundRobin(List<ClusterNode> nodes) {
        StringBuilder servers = new StringBuilder();
        for (ClusterNode node : nodes) {
            servers.append("        server 127.0.0.1:").append(node.port()).append(" max_fails=1 fail_timeout=2s;\n");
        }
        return """
                upstream inkan {
                %s}
                server {
                    listen 127.0.0.1:{{port}};
                    location / {
                        proxy_pass http://inkan;
                        proxy_set_header Host $host;
                        proxy_next_upstream error timeout;
                        proxy_read_timeout 60s;
                    }
                }
                """.formatted(servers);
    }
}
