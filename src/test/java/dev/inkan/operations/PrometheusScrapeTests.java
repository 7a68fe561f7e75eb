package dev.inkan.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.inkan.testing.ApiClient;
import dev.inkan.testing.Processes;
import dev.inkan.testing.RunningService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code /actuator/prometheus} read by Prometheus' own tools: {@code promtool check metrics} lints the real scrape and
 * the Python client's text-format parser ({@code prometheus_client.parser}) reads its values.
 */
@Tag("postgresql")
class PrometheusScrapeTests extends RunningService {

    static final String METRICS_TOKEN = "test-metrics-token-0123456789";
    /** Debian's python3 (python3-prometheus-client); a python3 earlier on the PATH may lack the module. */
    static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    private final String prefix = "m" + UUID.randomUUID().toString().substring(0, 8);

    private String scrape(String token) {
        ApiClient.Response response = api().withToken(token).get("/actuator/prometheus");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/plain");
        return response.text();
    }

    /** Every sample of the scrape as "name{label="value",...}" -> value, as prometheus_client's parser reads it. */
    private Map<String, Double> parse(String scrape) throws Exception {
        Path file = dir.resolve("scrape-" + UUID.randomUUID() + ".txt");
        Files.writeString(file, scrape, StandardCharsets.UTF_8);
        Path script = dir.resolve("parse.py");
        Files.writeString(script, """
                import json, sys
                from prometheus_client.parser import text_string_to_metric_families
                out = {}
                for family in text_string_to_metric_families(open(sys.argv[1], encoding="utf-8").read()):
                    for s in family.samples:
                        labels = ",".join('%s="%s"' % (k, v) for k, v in sorted(s.labels.items()))
                        out[s.name + "{" + labels + "}"] = s.value
                print(json.dumps(out))
                """);
        Processes.Result parsed = Processes.run(List.of(PYTHON, script.toString(), file.toString()));
        assertThat(parsed.ok()).as(parsed.output()).isTrue();
        JsonNode json = ApiClient.JSON.readTree(parsed.stdout());
        Map<String, Double> samples = new HashMap<>();
        json.properties().forEach(e -> samples.put(e.getKey(), e.getValue().asDouble()));
        return samples;
    }

    private static double sample(Map<String, Double> samples, String name, String labels) {
        return samples.getOrDefault(name + "{" + labels + "}", 0.0);
    }

    /** The sum of the samples of {@code name} whose labels contain every one of {@code labels} (e.g. {@code ca="1"}). */
    private static double sum(Map<String, Double> samples, String name, String... labels) {
        return samples.entrySet().stream().filter(e -> e.getKey().startsWith(name + "{"))
                .filter(e -> java.util.Arrays.stream(labels).allMatch(label -> e.getKey().contains(label)))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    @Test
    void scrapeNeedsTheAdminOrTheMetricsTokenAndTheMetricsTokenOpensNothingElse() {
        assertThat(anonymous().get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(api().withToken("wrong-token").get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(scrape(TOKEN)).contains("inkan_certificates{");
        assertThat(scrape(METRICS_TOKEN)).contains("inkan_certificates{");
        assertThat(api().withToken(METRICS_TOKEN).get("/api/v1/certificates").status()).isEqualTo(401);
    }

    @Test
    void issuingAndRevokingMoveTheirSeriesAsPrometheusParsesThem() throws Exception {
        long caId = api().get("/api/v1/cas").json().get(0).path("id").asLong();
        String ca = "ca=\"" + caId + "\",ca_name=\"Inkan Test Root CA\"";
        Map<String, Double> before = parse(scrape(METRICS_TOKEN));

        ApiClient.Response issued = api().post("/api/v1/certificates", "{\"commonName\":\"" + prefix + ".test\",\"validityDays\":3}");
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        long id = issued.json().path("id").asLong();
        assertThat(api().post("/api/v1/certificates/" + id + "/revoke", "{\"reason\":\"superseded\"}").status()).isEqualTo(200);
        ApiClient.Response kept = api().post("/api/v1/certificates", "{\"commonName\":\"" + prefix + "-kept.test\",\"validityDays\":2}");
        assertThat(kept.status()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, Double> after = parse(scrape(METRICS_TOKEN));
            assertThat(sample(after, "inkan_certificates", ca + ",status=\"revoked\""))
                    .isEqualTo(sample(before, "inkan_certificates", ca + ",status=\"revoked\"") + 1);
            assertThat(sample(after, "inkan_certificates", ca + ",status=\"expiring\""))
                    .isEqualTo(sample(before, "inkan_certificates", ca + ",status=\"expiring\"") + 1);
            assertThat(sample(after, "inkan_certificates_issued_total", "ca=\"" + caId + "\""))
                    .isEqualTo(sample(before, "inkan_certificates_issued_total", "ca=\"" + caId + "\"") + 2);
            assertThat(sample(after, "inkan_certificates_revoked_total", "ca=\"" + caId + "\""))
                    .isEqualTo(sample(before, "inkan_certificates_revoked_total", "ca=\"" + caId + "\"") + 1);
            // the 2-day certificate is now this CA's next expiry (or one that expires even sooner)
            assertThat(sample(after, "inkan_certificate_next_expiry_seconds", ca)).isBetween(1.0, 2 * 86400.0);
            assertThat(sample(after, "inkan_ca_expiry_seconds", ca)).isGreaterThan(300 * 86400.0);
            // the latency histograms of their own, whichever way the request came
            assertThat(sum(after, "inkan_issuance_seconds_count", "ca=\"" + caId + "\"", "origin=\"generated\""))
                    .isEqualTo(sum(before, "inkan_issuance_seconds_count", "ca=\"" + caId + "\"", "origin=\"generated\"") + 2);
            assertThat(sum(after, "inkan_issuance_seconds_bucket", "ca=\"" + caId + "\"", "le=\"+Inf\""))
                    .isEqualTo(sum(after, "inkan_issuance_seconds_count", "ca=\"" + caId + "\""));
            assertThat(sum(after, "inkan_issuance_seconds_sum", "ca=\"" + caId + "\"")).isGreaterThan(0);
            assertThat(sample(after, "inkan_revocation_seconds_count", "ca=\"" + caId + "\""))
                    .isEqualTo(sample(before, "inkan_revocation_seconds_count", "ca=\"" + caId + "\"") + 1);
            // the revocation published a new CRL: young, and good for longer than a day
            assertThat(after).containsKey("inkan_crl_age_seconds{" + ca + "}");
            assertThat(sample(after, "inkan_crl_age_seconds", ca)).isBetween(0.0, 120.0);
            assertThat(sample(after, "inkan_crl_next_update_seconds", ca)).isGreaterThan(86400.0);
            assertThat(sample(after, "http_server_requests_seconds_count",
                    "error=\"none\",exception=\"none\",method=\"POST\",outcome=\"SUCCESS\",status=\"201\",uri=\"/api/v1/certificates\""))
                    .isGreaterThanOrEqualTo(2);
        });
        assertThat(parse(scrape(METRICS_TOKEN))).containsKey("inkan_webhook_deliveries_total{channel=\"webhook\",outcome=\"given_up\"}");
    }

    @Test
    void anAcmeOrderMovesTheOrdersOfItsCaByStatus() throws Exception {
        java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        javax.net.ssl.SSLContext.setDefault(dev.inkan.testing.TrustedCas.sslContext());
        long caId = api().get("/api/v1/cas").json().get(0).path("id").asLong();
        String pending = "ca=\"" + caId + "\",ca_name=\"Inkan Test Root CA\",status=\"pending\"";
        Map<String, Double> before = parse(scrape(METRICS_TOKEN));
        assertThat(before).containsKey("inkan_acme_orders{" + pending + "}");

        // acme4j, an independent RFC 8555 client: a new account and an order that waits for its challenge
        org.shredzone.acme4j.Account account = new org.shredzone.acme4j.AccountBuilder().agreeToTermsOfService()
                .useKeyPair(org.shredzone.acme4j.util.KeyPairUtils.createECKeyPair("secp256r1"))
                .create(new org.shredzone.acme4j.Session(java.net.URI.create(api().base() + "/acme/directory")));
        account.newOrder().domains(prefix + ".acme.test").create();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(sample(parse(scrape(METRICS_TOKEN)), "inkan_acme_orders", pending))
                .isEqualTo(sample(before, "inkan_acme_orders", pending) + 1));
    }

    @Test
    void promtoolAcceptsTheScrapeAndTheSampleAlertRules() throws Exception {
        // an issuance and a revocation, so that their histograms are in the scrape that promtool lints
        ApiClient.Response issued = api().post("/api/v1/certificates", "{\"commonName\":\"" + prefix + "-lint.test\"}");
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        assertThat(api().post("/api/v1/certificates/" + issued.json().path("id").asLong() + "/revoke", "{}").status()).isEqualTo(200);
        Path file = dir.resolve("scrape.txt");
        Files.writeString(file, scrape(METRICS_TOKEN));
        // promtool lints Micrometer's JVM and Tomcat series too (help texts, unit names) and then exits 1; what counts
        // here is that the whole scrape parses and that none of Inkan's own series has a lint finding
        Processes.Result metrics = Processes.run(List.of("sh", "-c", "promtool check metrics < " + file));
        assertThat(metrics.output()).doesNotContain("error while linting").doesNotContain("parsing error");
        assertThat(metrics.output().lines().filter(line -> line.startsWith("inkan_"))).as(metrics.output()).isEmpty();
        assertThat(Files.readString(file)).contains("# TYPE inkan_certificates gauge", "# TYPE inkan_webhook_deliveries_total counter",
                "# TYPE inkan_issuance_seconds histogram", "# TYPE inkan_revocation_seconds histogram", "# TYPE inkan_crl_age_seconds gauge",
                "# TYPE inkan_crl_next_update_seconds gauge", "# TYPE inkan_acme_orders gauge");
        Processes.Result rules = Processes.run(List.of("promtool", "check", "rules",
                Path.of("templates/prometheus/inkan-alerts.yml").toAbsolutePath().toString()));
        assertThat(rules.ok()).as(rules.output()).isTrue();
        assertThat(rules.stdout()).contains("SUCCESS: 6 rules found");
    }
}
