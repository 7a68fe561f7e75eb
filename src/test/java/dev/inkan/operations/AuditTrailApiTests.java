package dev.inkan.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.testing.ApiClient;
import dev.inkan.testing.RunningService;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/audit}: filters by actor, action, CA and time, pages, and the JSON lines export. */
@Tag("postgresql")
class AuditTrailApiTests extends RunningService {

    private final String prefix = "a" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void issuanceAndRevocationAreFoundByActionActorCaAndTime() {
        Instant before = Instant.now().minusSeconds(5);
        ApiClient.Response ca = api().post("/api/v1/cas", "{\"name\":\"" + prefix + " audit CA\"}");
        assertThat(ca.status()).as(ca.toString()).isEqualTo(201);
        long caId = ca.json().path("id").asLong();
        ApiClient.Response issued = api().post("/api/v1/certificates", "{\"commonName\":\"" + prefix + ".test\",\"caId\":" + caId + "}");
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        long id = issued.json().path("id").asLong();
        assertThat(api().post("/api/v1/certificates/" + id + "/revoke", "{\"reason\":\"keyCompromise\"}").status()).isEqualTo(200);

        JsonNode byCa = api().get("/api/v1/audit?caId=" + caId).json();
        assertThat(byCa.path("items")).extracting(e -> e.path("action").asString())
                .containsExactly("certificate.revoked", "certificate.issued", "ca.created");
        assertThat(byCa.path("items")).allSatisfy(e -> assertThat(e.path("actor").asString()).isEqualTo("api-token"));
        assertThat(byCa.path("hasMore").asBoolean()).isFalse();

        JsonNode revoked = api().get("/api/v1/audit?action=certificate.revoked&actor=api-token&caId=" + caId + "&from=" + before).json();
        assertThat(revoked.path("items")).singleElement().satisfies(e -> {
            assertThat(e.path("certificateId").asLong()).isEqualTo(id);
            assertThat(e.path("detail").asString()).contains("keyCompromise");
        });
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        assertThat(api().get("/api/v1/audit?caId=" + caId + "&to=" + yesterday).json().path("items")).isEmpty();
        assertThat(api().get("/api/v1/audit?caId=" + caId + "&actor=someone-else").json().path("items")).isEmpty();

        JsonNode firstPage = api().get("/api/v1/audit?caId=" + caId + "&size=2").json();
        assertThat(firstPage.path("items").size()).isEqualTo(2);
        assertThat(firstPage.path("hasMore").asBoolean()).isTrue();
        assertThat(api().get("/api/v1/audit?caId=" + caId + "&size=2&page=1").json().path("items"))
                .singleElement().satisfies(e -> assertThat(e.path("action").asString()).isEqualTo("ca.created"));
    }

    @Test
    void jsonLinesHoldEveryMatchOneEventPerLine() {
        ApiClient.Response issued = api().post("/api/v1/certificates", "{\"commonName\":\"" + prefix + "-l.test\"}");
        assertThat(issued.status()).isEqualTo(201);
        ApiClient.Response lines = api().get("/api/v1/audit?format=jsonl&action=certificate.issued");
        assertThat(lines.status()).as(lines.toString()).isEqualTo(200);
        assertThat(lines.contentType()).startsWith("application/x-ndjson");
        List<String> rows = lines.text().lines().toList();
        assertThat(rows).isNotEmpty().allSatisfy(line -> assertThat(ApiClient.JSON.readTree(line).path("action").asString())
                .isEqualTo("certificate.issued"));
        assertThat(ApiClient.JSON.readTree(rows.get(0)).path("certificateId").asLong()).isEqualTo(issued.json().path("id").asLong());
        long all = jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'certificate.issued'").query(Long.class).single();
        assertThat(rows).hasSize((int) all);
    }

    @Test
    void badFiltersAreRefusedWithWhatToWrite() {
        for (String query : List.of("from=yesterday", "to=2026-13-01", "action=DROP%20TABLE", "format=xml", "size=0", "caId=-1",
                "from=2026-11-30&to=2026-11-01")) {
            ApiClient.Response refused = api().get("/api/v1/audit?" + query);
            assertThat(refused.status()).as(query + " -> " + refused).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(anonymous().get("/api/v1/audit").status()).isEqualTo(401);
    }
}
