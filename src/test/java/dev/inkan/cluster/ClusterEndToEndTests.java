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
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Three Inkan JVMs (real processes) on one real PostgreSQL behind nginx round-robin. Clients issue,
 * sign CSRs, revoke and list, through nginx and straight to the nodes, while one node is killed with
 * SIGKILL and another restarted. At the end every acknowledged certificate is there exactly once with
 * its serial, serials are distinct, every acknowledged issuance and revocation is in the audit, the
 * three nodes answer the same list, and a CA created on one node issues on another.
 */
class ClusterEndToEndTests {

    private static final int CLIENTS = 4;
    private static final int OPERATIONS_PER_CLIENT = 30;
    private static final String TOKEN = "cluster-test-token-0123456789";

    private record Issued(long id, String serial) {}

    @Test
    void threeNodesOnOnePostgresqlSurviveAKillAndARestartAndAgreeOnEverything() throws Exception {
        String url = PostgresServer.shared().createDatabase();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> env = Map.of("INKAN_DATABASE_URL", url, "INKAN_DATABASE_USERNAME", PostgresServer.USER,
                "INKAN_ADMIN_TOKEN", TOKEN, "INKAN_MASTER_KEY", Base64.getEncoder().encodeToString(key),
                "INKAN_DATABASE_POOL_SIZE", "6");
        Path work = Files.createTempDirectory(Files.createDirectories(Tools.buildDir()), "cluster-");
        List<ClusterNode> nodes = new ArrayList<>();
        try {
            for (int i = 1; i <= 3; i++) {
                nodes.add(ClusterNode.launch(work.resolve("node" + i), env));
            }
            nodes.forEach(ClusterNode::awaitUp);
            try (NginxServer nginx = NginxServer.start(work, roundRobin(nodes))) {
                run(nodes, nginx, url);
            }
        } finally {
            nodes.forEach(ClusterNode::close);
        }
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
