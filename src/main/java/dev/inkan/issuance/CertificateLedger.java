package dev.inkan.issuance;

import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * The {@code certificate} table: every certificate issued, keyed by issuer (CA id) and serial, with
 * status, revocation and the sealed private key. Other modules see it as {@link IssuedCertificates};
 * searches, files and keys are for this package's services. Searches use the {@code certificate_name}
 * terms and the indexes on status and expiry, so a page costs the same at 100 or 100,000 certificates.
 */
@Component
class CertificateLedger implements IssuedCertificates {

    static final String SUMMARY = "id, ca_id, serial_number, common_name, dns_names, ip_addresses, profile, key_type,"
            + " origin, not_before, not_after, revoked, revoked_at, revocation_reason, key_sealed IS NOT NULL AS key_stored,"
            + " created_at, created_by";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final boolean h2;

    CertificateLedger(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
        this.h2 = template.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName()).equals("H2");
    }

    @Override
    public long record(Entry entry) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO certificate (ca_id, serial_number, common_name, dns_names, ip_addresses, profile, key_type, origin,"
                        + " not_before, not_after, certificate_der, key_sealed, created_at, created_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(entry.caId(), entry.serialNumber(), entry.commonName(), String.join(",", entry.dnsNames()),
                        String.join(",", entry.ipAddresses()), entry.profile(), entry.keyType(), entry.origin().id(),
                        Timestamp.from(entry.notBefore()), Timestamp.from(entry.notAfter()), entry.der(), entry.sealedKey(),
                        Timestamp.from(entry.createdAt()), entry.createdBy())
                .update(keys, "id");
        long id = keys.getKey().longValue();
        List<Object[]> terms = terms(entry).stream().map(t -> new Object[] {t, id}).toList();
        template.batchUpdate("INSERT INTO certificate_name (term, certificate_id) VALUES (?, ?)", terms);
        return id;
    }

    /** The search terms of a certificate: each name, lower-case, and each of its tails after a dot. */
    static Set<String> terms(Entry entry) {
        Set<String> terms = new LinkedHashSet<>();
        List<String> names = new ArrayList<>(entry.dnsNames());
        names.add(entry.commonName());
        for (String name : names) {
            String term = name.toLowerCase(java.util.Locale.ROOT);
            for (int dot = -1; ; dot = term.indexOf('.', dot + 1)) {
                String tail = term.substring(dot + 1);
                if (!tail.isEmpty() && tail.length() <= 255) {
                    terms.add(tail);
                }
                if (term.indexOf('.', dot + 1) < 0) {
                    break;
                }
            }
        }
        entry.ipAddresses().forEach(terms::add);
        return terms;
    }

    Optional<CertificateSummary> find(long id, Instant now) {
        return jdbc.sql("SELECT " + SUMMARY + " FROM certificate WHERE id = ?").param(id).query((rs, n) -> summary(rs, now)).optional();
    }

    /** A certificate by issuer and serial (OCSP, revocation, ACME): one entry of the unique key (ca_id, serial_number). */
    static final String STANDING = "SELECT id, serial_number, not_after, revoked, revoked_at, revocation_reason FROM certificate"
            + " WHERE ca_id = ? AND serial_number = ?";

    @Override
    public Optional<Standing> standing(long caId, BigInteger serialNumber, Instant now) {
        return jdbc.sql(STANDING).params(caId, serialNumber.toString(16))
                .query((rs, n) -> {
                    Instant notAfter = rs.getTimestamp("not_after").toInstant();
                    boolean revoked = rs.getBoolean("revoked");
                    return new Standing(rs.getLong("id"), serialNumber, CertificateStatus.of(revoked, notAfter, now), notAfter,
                            instant(rs.getTimestamp("revoked_at")), reason(rs.getString("revocation_reason")));
                }).optional();
    }

    @Override
    public List<Revocation> revocations(long caId) {
        return jdbc.sql("SELECT serial_number, revoked_at, revocation_reason, not_after FROM certificate"
                        + " WHERE ca_id = ? AND revoked = TRUE ORDER BY revoked_at, id").param(caId)
                .query((rs, n) -> new Revocation(new BigInteger(rs.getString("serial_number"), 16), rs.getTimestamp("revoked_at").toInstant(),
                        reason(rs.getString("revocation_reason")), rs.getTimestamp("not_after").toInstant())).list();
    }

    @Override
    public boolean revoke(long caId, BigInteger serialNumber, RevocationReason reason, Instant at) {
        return jdbc.sql("UPDATE certificate SET revoked = TRUE, revoked_at = ?, revocation_reason = ?"
                        + " WHERE ca_id = ? AND serial_number = ? AND revoked = FALSE")
                .params(Timestamp.from(at), reason.id(), caId, serialNumber.toString(16)).update() == 1;
    }

    Optional<byte[]> der(long id) {
        return jdbc.sql("SELECT certificate_der FROM certificate WHERE id = ?").param(id).query(byte[].class).optional();
    }

    /** The sealed key; empty when the certificate has none (CSR, deleted) or does not exist. */
    Optional<byte[]> sealedKey(long id) {
        return jdbc.sql("SELECT key_sealed FROM certificate WHERE id = ? AND key_sealed IS NOT NULL").param(id)
                .query(byte[].class).optional();
    }

    /** Counting stops here: "10,000+" is all a person paging through a list needs, and it keeps a search flat at any size. */
    static final int COUNT_LIMIT = 10_000;
    CertificatePage search(CertificateQuery.Valid query, Instant now) {
        List<Object> params = new ArrayList<>();
        String where = where(query, now, params);
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(query.size());
        pageParams.add(query.offset());
        List<CertificateSummary> items = jdbc.sql(pageSql(query, where, h2)).params(pageParams).query((rs, n) -> summary(rs, now)).list();
        long total;
        if (query.page() == 0 && items.size() < query.size()) {
            total = items.size();
        } else if (where.isEmpty()) {
            total = count();
        } else {
            total = jdbc.sql("SELECT COUNT(*) FROM (SELECT 1 FROM certificate" + where + " LIMIT " + (COUNT_LIMIT + 1) + ") AS matches")
                    .params(params).query(Long.class).single();
        }
        boolean exact = total <= COUNT_LIMIT;
        return new CertificatePage(items, query.page(), query.size(), Math.min(total, COUNT_LIMIT), exact);
    }

    /**
     * The query of one page of {@code query}'s matches ({@code where} from {@link #where}; parameters: the WHERE's,
     * then LIMIT and OFFSET), planned so that a page costs the same at 100 or 100,000 certificates: the database walks
     * an index in the page's order and stops after the page, instead of sorting every match.
     * <ul>
     * <li>Newest or oldest first walks the primary key: H2 would otherwise pick the status index and sort every match
     * (40 ms at 100,000 certificates instead of 1 ms). (PostgreSQL plans it well by itself and knows no such hint.)</li>
     * <li>By expiry, the ORDER BY begins with the columns the WHERE fixes to one value ({@code ca_id}, {@code revoked}),
     * in the order of the status indexes {@code (ca_id, revoked, not_after)} and {@code (revoked, not_after)}: the rows
     * come in the same order, but H2 uses an index for ORDER BY only when the ORDER BY begins with the index's first
     * column, so {@code not_after, id} alone sorted every unrevoked certificate of the CA (1.1 s at 88,000, at every
     * refresh of the next-expiry gauge) where this reads one page (10 ms).</li>
     * </ul>
     */
    static String pageSql(CertificateQuery.Valid query, String where, boolean h2) {
        boolean byId = query.sort() == CertificateQuery.Sort.NEWEST || query.sort() == CertificateQuery.Sort.OLDEST;
        String table = h2 && byId && query.q() == null ? "certificate USE INDEX ()" : "certificate";
        return "SELECT " + SUMMARY + " FROM " + table + where + " ORDER BY " + order(query) + " LIMIT ? OFFSET ?";
    }

    private static String order(CertificateQuery.Valid query) {
        return switch (query.sort()) {
            case NEWEST -> "id DESC";
            case OLDEST -> "id";
            case EXPIRY -> expiryOrder(query, "");
            case EXPIRY_DESC -> expiryOrder(query, " DESC");
        };
    }

    private static String expiryOrder(CertificateQuery.Valid query, String direction) {
        // every status and an expiry window fix revoked (see statusIs); a name search starts from the name terms instead
        boolean revokedFixed = query.q() == null && (query.status() != null || query.expiringWithinDays() != null);
        String fixed = !revokedFixed ? "" : (query.caId() != null ? "ca_id" + direction + ", " : "") + "revoked" + direction + ", ";
        return fixed + "not_after" + direction + ", id" + direction;
    }

    static String where(CertificateQuery.Valid query, Instant now, List<Object> params) {
        StringBuilder where = new StringBuilder();
        if (query.q() != null) {
            // a prefix search as an index range (H2 cannot plan "LIKE ?" with a parameter as one): 0.2 ms at 100,000
            where.append(" AND id IN (SELECT certificate_id FROM certificate_name WHERE term >= ? AND term < ?)");
            params.add(query.q());
            params.add(query.q() + Character.MAX_VALUE);
        }
        if (query.caId() != null) {
            where.append(" AND ca_id = ?");
            params.add(query.caId());
        }
        if (query.status() != null) {
            where.append(" AND ").append(statusIs(query.status(), now, params));
        }
        if (query.expiringWithinDays() != null) {
            where.append(" AND ").append(unrevokedEndingIn(now, now.plus(java.time.Duration.ofDays(query.expiringWithinDays())), params));
        }
        return where.isEmpty() ? "" : " WHERE" + where.substring(4);
    }

    StatusCounts counts(Long caId, Instant now) {
        Map<CertificateStatus, Long> counts = new EnumMap<>(CertificateStatus.class);
        for (CertificateStatus status : CertificateStatus.values()) {
            List<Object> params = new ArrayList<>();
            String condition = statusIs(status, now, params);
            if (caId != null) {
                condition += " AND ca_id = ?";
                params.add(caId);
            }
            counts.put(status, jdbc.sql("SELECT COUNT(*) FROM certificate WHERE " + condition).params(params).query(Long.class).single());
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return new StatusCounts(counts.get(CertificateStatus.VALID), counts.get(CertificateStatus.EXPIRING),
                counts.get(CertificateStatus.EXPIRED), counts.get(CertificateStatus.REVOKED), total);
    }

    /** The SQL condition for {@code status} (the one place that turns {@link CertificateStatus#of} into SQL), adding its parameters. */
    private static String statusIs(CertificateStatus status, Instant now, List<Object> params) {
        Timestamp windowEnd = Timestamp.from(now.plus(CertificateStatus.EXPIRING_WINDOW));
        return switch (status) {
            case REVOKED -> "revoked = TRUE";
            case EXPIRED -> {
                params.add(Timestamp.from(now));
                yield "revoked = FALSE AND not_after <= ?";
            }
            case EXPIRING -> unrevokedEndingIn(now, now.plus(CertificateStatus.EXPIRING_WINDOW), params);
            case VALID -> {
                params.add(windowEnd);
                yield "revoked = FALSE AND not_after > ?";
            }
        };
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM certificate").query(Long.class).single();
    }

    /** Unrevoked certificates whose notAfter is in {@code (from, to]}. */
    private static String unrevokedEndingIn(Instant from, Instant to, List<Object> params) {
        params.add(Timestamp.from(from));
        params.add(Timestamp.from(to));
        return "revoked = FALSE AND not_after > ? AND not_after <= ?";
    }

    /** Forgets the stored key; false when there was none. */
    boolean deleteKey(long id) {
        return jdbc.sql("UPDATE certificate SET key_sealed = NULL WHERE id = ? AND key_sealed IS NOT NULL").param(id).update() == 1;
    }

    static CertificateSummary summary(ResultSet rs, Instant now) throws SQLException {
        boolean revoked = rs.getBoolean("revoked");
        Instant notAfter = rs.getTimestamp("not_after").toInstant();
        Timestamp revokedAt = rs.getTimestamp("revoked_at");
        return new CertificateSummary(rs.getLong("id"), rs.getString("serial_number"), rs.getString("common_name"),
                split(rs.getString("dns_names")), split(rs.getString("ip_addresses")), rs.getString("profile"),
                rs.getString("key_type"), rs.getLong("ca_id"), rs.getTimestamp("not_before").toInstant(), notAfter,
                CertificateStatus.of(revoked, notAfter, now), instant(revokedAt),
                rs.getString("revocation_reason"), dev.inkan.engine.Identified.stored(CertificateOrigin.class, rs.getString("origin")), rs.getBoolean("key_stored"),
                rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static RevocationReason reason(String id) {
        return id == null ? null : RevocationReason.of(id);
    }

    private static List<String> split(String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(text.split(","));
    }
}
