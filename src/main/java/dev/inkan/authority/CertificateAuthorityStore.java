package dev.inkan.authority;

import dev.inkan.cluster.CacheGenerations;
import dev.inkan.engine.CertificateDescription;
import dev.inkan.engine.Pem;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code certificate_authority} table (JdbcClient translates SQL errors itself: no repository proxy). Sealed keys are read only by {@link #sealedKey(long)}. */
@Component
record CertificateAuthorityStore(JdbcClient jdbc, CacheGenerations generations) {

    /** A row to insert. */
    record NewCa(String name, CaKind kind, Long parentId, String subject, String serialNumber, String keyType,
                 Instant notBefore, Instant notAfter, String fingerprintSha256, List<String> permittedDns,
                 List<String> permittedIp, String chainPem, boolean defaultAuthority, Instant createdAt, String createdBy) {}

    private static final String COLUMNS = "id, name, kind, parent_id, subject, serial_number, key_type, not_before, not_after,"
            + " fingerprint_sha256, permitted_dns, permitted_ip, chain_pem, is_default, created_at";

    /** The {@link CacheGenerations} topic of this table: every write advances it, so other instances reload their CAs. */
    static final String GENERATION = "authority";

    /** The generation of this table's rows (see {@link #GENERATION}). */
    long generation() {
        return generations.current(GENERATION);
    }

    /** Advances {@link #GENERATION} without a write to this table (a CA revoked elsewhere); inside the writer's transaction. */
    void advanceGeneration() {
        generations.advance(GENERATION);
    }

    /**
     * Inserts the row with its key sealed by {@link MasterKey} (associated data: the certificate's fingerprint).
     * Every write to this table advances {@link #GENERATION}; call it inside the writer's transaction.
     */
    long insert(NewCa ca, byte[] sealedKey) {
        generations.advance(GENERATION);
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("INSERT INTO certificate_authority (name, kind, parent_id, subject, serial_number, key_type, not_before, not_after,"
                        + " fingerprint_sha256, permitted_dns, permitted_ip, chain_pem, key_sealed, is_default, created_at, created_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(ca.name(), ca.kind().id(), ca.parentId(), ca.subject(), ca.serialNumber(), ca.keyType(),
                        Timestamp.from(ca.notBefore()), Timestamp.from(ca.notAfter()), ca.fingerprintSha256(),
                        join(ca.permittedDns()), join(ca.permittedIp()), ca.chainPem(), sealedKey, ca.defaultAuthority(),
                        Timestamp.from(ca.createdAt()), ca.createdBy())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<CertificateAuthority> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM certificate_authority WHERE id = ?").param(id)
                .query(CertificateAuthorityStore::authority).optional();
    }

    List<CertificateAuthority> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM certificate_authority ORDER BY id").query(CertificateAuthorityStore::authority).list();
    }

    Optional<Long> defaultId() {
        return jdbc.sql("SELECT id FROM certificate_authority WHERE is_default ORDER BY id LIMIT 1").query(Long.class).optional();
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM certificate_authority").query(Long.class).single();
    }

    boolean existsWithFingerprint(String fingerprint) {
        return jdbc.sql("SELECT COUNT(*) FROM certificate_authority WHERE fingerprint_sha256 = ?").param(fingerprint)
                .query(Long.class).single() > 0;
    }

    Optional<Long> findBySubject(String subject) {
        return jdbc.sql("SELECT id FROM certificate_authority WHERE subject = ? ORDER BY id LIMIT 1").param(subject)
                .query(Long.class).optional();
    }

    byte[] sealedKey(long id) {
        return jdbc.sql("SELECT key_sealed FROM certificate_authority WHERE id = ?").param(id).query(byte[].class).single();
    }

    private static CertificateAuthority authority(ResultSet rs, int row) throws SQLException {
        String chainPem = rs.getString("chain_pem");
        var chain = Pem.readCertificates("chainPem", chainPem);
        List<String> dns = split(rs.getString("permitted_dns"));
        List<String> ip = split(rs.getString("permitted_ip"));
        return new CertificateAuthority(rs.getLong("id"), rs.getString("name"), dev.inkan.engine.Identified.stored(CaKind.class, rs.getString("kind")),
                rs.getObject("parent_id", Long.class), rs.getString("subject"), rs.getString("serial_number"),
                rs.getString("key_type"), rs.getTimestamp("not_before").toInstant(), rs.getTimestamp("not_after").toInstant(),
                rs.getString("fingerprint_sha256"), dns, ip, new dev.inkan.engine.NameConstraintPolicy(dns, ip).describe(),
                rs.getBoolean("is_default"), rs.getTimestamp("created_at").toInstant(), Pem.encode(chain.get(0)), chainPem,
                CertificateDescription.of(chain.get(0)));
    }

    private static String join(List<String> values) {
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }

    private static List<String> split(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split(","));
    }
}
