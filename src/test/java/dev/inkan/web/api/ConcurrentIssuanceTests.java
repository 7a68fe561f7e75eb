package dev.inkan.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.engine.Pem;
import dev.inkan.testing.ApiClient;
import dev.inkan.testing.Processes;
import dev.inkan.testing.RunningService;
import dev.inkan.testing.Verifiers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Eight clients issuing at once: no certificate lost, none duplicated, every 201 committed. */
@Tag("postgresql") // run again on PostgreSQL: the pom's surefire execution "postgresql"
class ConcurrentIssuanceTests extends RunningService {

    private static final int THREADS = 8;
    private static final int CERTIFICATES = 500;

    @TempDir
    Path dir;

    @Test
    void eightThreadsIssuing500CertificatesGet500DistinctSerialsAllInTheDatabase() throws Exception {
        long before = certificateCount();
        Set<String> serials = ConcurrentHashMap.newKeySet();
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        List<String> pems = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            workers.add(pool.submit(() -> {
                ApiClient client = api();
                for (int n = next.getAndIncrement(); n < CERTIFICATES; n = next.getAndIncrement()) {
                    ApiClient.Response response = client.post("/api/v1/certificates",
                            "{\"dnsNames\":[\"concurrent.test\",\"c" + n + ".concurrent.test\"]}");
                    assertThat(response.status()).as(response.toString()).isEqualTo(201);
                    JsonNode issued = response.json();
                    serials.add(issued.path("serialNumber").asString());
                    ids.add(issued.path("id").asLong());
                    pems.add(issued.path("certificatePem").asString());
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();

        assertThat(serials).hasSize(CERTIFICATES);
        assertThat(ids).hasSize(CERTIFICATES);
        assertThat(certificateCount()).isEqualTo(before + CERTIFICATES);
        List<String> stored = jdbc.sql("SELECT serial_number FROM certificate WHERE common_name = 'concurrent.test'")
                .query(String.class).list();
        assertThat(stored).containsAll(serials);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'certificate.issued' AND detail LIKE '%concurrent.test%'")
                .query(Long.class).single()).isEqualTo(CERTIFICATES);

        // every one verifies: OpenSSL (strict) over all 500 in one run, Go over a sample
        String rootPem = anonymous().get("/ca.pem").text();
        Path root = Files.writeString(dir.resolve("root.pem"), rootPem);
        List<String> command = new ArrayList<>(List.of("openssl", "verify", "-x509_strict", "-purpose", "sslserver",
                "-verify_hostname", "concurrent.test", "-CAfile", root.toString()));
        for (int i = 0; i < pems.size(); i++) {
            command.add(Files.writeString(dir.resolve("leaf-" + i + ".pem"), pems.get(i)).toString());
        }
        Processes.Result openssl = Processes.run(command);
        assertThat(openssl.ok()).as(openssl.output()).isTrue();
        assertThat(openssl.stdout().lines().filter(line -> line.endsWith(": OK")).count()).isEqualTo(CERTIFICATES);
        X509Certificate rootCertificate = Pem.readCertificates("root", rootPem).get(0);
        for (int i = 0; i < CERTIFICATES; i += 100) {
            X509Certificate leaf = Pem.readCertificates("leaf", pems.get(i)).get(0);
            var chain = Verifiers.Chain.write(dir.resolve("go-" + i), leaf, List.of(), rootCertificate);
            assertThat(Verifiers.go(chain, "concurrent.test", "server").accepted()).isTrue();
        }
    }
}
