package dev.inkan.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.testing.RunningService;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A page of certificates sorted by expiry costs one page, not a sort of every match, on H2: the plan of the very
 * query {@link CertificateLedger#search} runs walks a status index in the page's order ("index sorted"), and the page
 * holds the same certificates, in the same order, as sorting every match would give. Before, "ORDER BY not_after, id"
 * made H2 sort all unrevoked certificates of the CA at each refresh of the next-expiry gauge (1.1 s at 88,000).
 * A lookup by issuer and serial (OCSP, revocation) reads the unique key, which is why the serial needs no index of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificateSearchPlanTests extends RunningService {

    private static final int ROWS = 3_000;

    @Autowired
    JdbcTemplate template;

    @Autowired
    CertificateRecords records;

    private long caId;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeAll
    void aCaWithThousandsOfCertificatesSharingExpiryTimes() {
        caId = api().post("/api/v1/cas", "{\"name\":\"search plan CA\"}").json().path("id").asLong();
        // straight in SQL (issuing them would take a minute): 3,000 rows, 10 per notAfter so that ties need the id,
        // every 7th revoked; 200 to 220 days out, so that no other test's expiry window sees them
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            Instant notAfter = now.plus(Duration.ofDays(200)).plus(Duration.ofMinutes((i * 7919L % ROWS) / 10 * 97));
            rows.add(new Object[] {caId, "plan" + i, "plan-" + i + ".test", Timestamp.from(notAfter), new byte[] {0}, i % 7 == 0});
        }
        template.batchUpdate("INSERT INTO certificate (ca_id, serial_number, common_name, dns_names, ip_addresses, profile, key_type,"
                + " origin, not_before, not_after, certificate_der, revoked, created_at, created_by)"
                + " VALUES (?, ?, ?, '', '', 'server', 'ecdsa-p256', 'csr', CURRENT_TIMESTAMP, ?, ?, ?, CURRENT_TIMESTAMP, 'test')", rows);
    }

    @AfterAll
    void removeThem() {
        template.update("DELETE FROM certificate WHERE ca_id = ?", caId);
    }

    @Test
    void anExpiryPageWalksAStatusIndexInsteadOfSortingEveryMatch() {
        for (CertificateQuery query : List.of(
                new CertificateQuery(null, "valid", caId, null, 3, 20, "notAfter"),
                new CertificateQuery(null, "valid", caId, null, 3, 20, "-notAfter"),
                new CertificateQuery(null, "revoked", caId, null, 0, 20, "notAfter"),
                new CertificateQuery(null, null, caId, 36_500, 0, 1, "notAfter"),   // the next-expiry gauge's query
                new CertificateQuery(null, "valid", null, null, 0, 20, "notAfter"),
                CertificateQuery.expiringNext(10))) {                                // the dashboard's list
            CertificateQuery.Valid valid = query.validate();
            List<Object> params = new ArrayList<>();
            String where = CertificateLedger.where(valid, now, params);
            params.add(valid.size());
            params.add(valid.offset());
            String plan = template.queryForObject("EXPLAIN " + CertificateLedger.pageSql(valid, where, true), String.class, params.toArray());
            assertThat(plan).as(query + "\n" + plan).contains("/* index sorted").contains("IX_CERTIFICATE_");
        }
    }

    @Test
    void aLookupByIssuerAndSerialReadsTheUniqueKey() {
        // the unique key answers it (H2 chose it over the serial's own index before too), which is why V13 could drop that index
        String plan = template.queryForObject("EXPLAIN " + CertificateLedger.STANDING, String.class, caId, "plan42");
        assertThat(plan).as(plan).contains("UQ_CERTIFICATE_ISSUER_SERIAL").contains("CA_ID = ?").contains("SERIAL_NUMBER = ?");
        assertThat(template.queryForList(CertificateLedger.STANDING, caId, "plan42")).hasSize(1);
        assertThat(template.queryForList(CertificateLedger.STANDING, caId, "plan42x")).isEmpty();
    }

    @Test
    void theIndexOrderIsTheSortOrderTiesByIdAndEachWay() {
        List<long[]> unrevoked = template.query("SELECT id, not_after FROM certificate WHERE ca_id = ? AND revoked = FALSE",
                (rs, n) -> new long[] {rs.getLong(1), rs.getTimestamp(2).toInstant().getEpochSecond()}, caId);
        Comparator<long[]> byExpiryThenId = Comparator.<long[]>comparingLong(r -> r[1]).thenComparingLong(r -> r[0]);
        List<Long> ascending = unrevoked.stream().sorted(byExpiryThenId).map(r -> r[0]).toList();
        List<Long> descending = unrevoked.stream().sorted(byExpiryThenId.reversed()).map(r -> r[0]).toList();
        assertThat(ascending).hasSize(ROWS - (ROWS + 6) / 7);

        for (int page : new int[] {0, 1, 7, 25}) {
            assertThat(ids(new CertificateQuery(null, "valid", caId, null, page, 100, "notAfter")))
                    .as("ascending page " + page).isEqualTo(ascending.subList(page * 100, Math.min(ascending.size(), page * 100 + 100)));
            assertThat(ids(new CertificateQuery(null, "valid", caId, null, page, 100, "-notAfter")))
                    .as("descending page " + page).isEqualTo(descending.subList(page * 100, Math.min(descending.size(), page * 100 + 100)));
        }
        assertThat(ids(new CertificateQuery(null, null, caId, 36_500, 0, 1, "notAfter"))).containsExactly(ascending.get(0));
    }

    private List<Long> ids(CertificateQuery query) {
        return records.search(query).items().stream().map(CertificateSummary::id).toList();
    }
}
