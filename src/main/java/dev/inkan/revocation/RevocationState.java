package dev.inkan.revocation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code crl_state} and {@code ca_revocation} tables: per CA the CRL number and revocation epoch
 * (both raised by the database, so instances sharing it agree), the latest CRL, the URL switches,
 * and which CA certificates were revoked.
 */
@Component
class RevocationState {

    /** The latest CRL of a CA as stored. */
    record StoredCrl(long number, Instant thisUpdate, Instant nextUpdate, long entries, byte[] der) {}

    /** A revoked CA certificate as its parent's CRL lists it. */
    record RevokedCa(long caId, String serialNumber, Instant notAfter, Instant revokedAt, String reason) {}

    /** A CRL row read as number, thisUpdate, nextUpdate, entries, DER (the full and the delta CRL alike). */
    private static final RowMapper<StoredCrl> STORED_CRL = (rs, n) -> new StoredCrl(rs.getLong(1), rs.getTimestamp(2).toInstant(),
            rs.getTimestamp(3).toInstant(), rs.getLong(4), rs.getBytes(5));

    private final JdbcClient jdbc;

    RevocationState(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Makes the CA's row when missing; two instances racing to make it is harmless. */
    void ensure(long caId) {
        if (exists(caId)) {
            return;
        }
        try {
            jdbc.sql("INSERT INTO crl_state (ca_id, crl_number, revocation_epoch) VALUES (?, 0, 0)").param(caId).update();
        } catch (DuplicateKeyException e) {
            // another instance made it first
        }
    }

    private boolean exists(long caId) {
        return jdbc.sql("SELECT COUNT(*) FROM crl_state WHERE ca_id = ?").param(caId).query(Long.class).single() > 0;
    }

    /**
     * The next CRLNumber (RFC 5280 §5.2.3), in the caller's transaction: the UPDATE locks the CA's row until
     * it commits, so concurrent generators (threads or instances) are serialized and numbers never repeat.
     */
    long nextCrlNumber(long caId) {
        jdbc.sql("UPDATE crl_state SET crl_number = crl_number + 1 WHERE ca_id = ?").param(caId).update();
        return jdbc.sql("SELECT crl_number FROM crl_state WHERE ca_id = ?").param(caId).query(Long.class).single();
    }

    void storeCrl(long caId, long number, Instant thisUpdate, Instant nextUpdate, long entries, byte[] der) {
        jdbc.sql("UPDATE crl_state SET crl_der = ?, full_number = ?, this_update = ?, next_update = ?, entries = ? WHERE ca_id = ? AND crl_number = ?")
                .params(der, number, Timestamp.from(thisUpdate), Timestamp.from(nextUpdate), entries, caId, number).update();
    }

    /** Stores delta CRL {@code number}, issued in the transaction that took its number. */
    void storeDelta(long caId, long number, Instant thisUpdate, Instant nextUpdate, long entries, byte[] der) {
        jdbc.sql("UPDATE crl_state SET delta_der = ?, delta_number = ?, delta_this_update = ?, delta_next_update = ?, delta_entries = ?"
                        + " WHERE ca_id = ? AND crl_number = ?")
                .params(der, number, Timestamp.from(thisUpdate), Timestamp.from(nextUpdate), entries, caId, number).update();
    }

    /** The latest delta CRL, if one was issued. */
    Optional<StoredCrl> delta(long caId) {
        return stored("delta_number, delta_this_update, delta_next_update, delta_entries, delta_der", "delta_der", caId);
    }

    /** The number of the latest full CRL, cheap to poll. */
    Optional<Long> crlNumber(long caId) {
        return jdbc.sql("SELECT COALESCE(full_number, crl_number) FROM crl_state WHERE ca_id = ? AND crl_der IS NOT NULL").param(caId)
                .query(Long.class).optional();
    }

    Optional<StoredCrl> crl(long caId) {
        return stored("COALESCE(full_number, crl_number), this_update, next_update, entries, crl_der", "crl_der", caId);
    }

    /** The full or the delta CRL of {@code crl_state}: its five columns, read only when its DER column is set. */
    private Optional<StoredCrl> stored(String columns, String derColumn, long caId) {
        return jdbc.sql("SELECT " + columns + " FROM crl_state WHERE ca_id = ? AND " + derColumn + " IS NOT NULL").param(caId)
                .query(STORED_CRL).optional();
    }

    /** The CAs whose CRL is missing or was issued before {@code before}. */
    List<Long> crlsIssuedBefore(Instant before) {
        return jdbc.sql("SELECT a.id FROM certificate_authority a LEFT JOIN crl_state s ON s.ca_id = a.id"
                        + " WHERE s.crl_der IS NULL OR s.this_update < ? ORDER BY a.id")
                .param(Timestamp.from(before)).query(Long.class).list();
    }

    /** Raised in the transaction of every revocation by the CA; OCSP caches compare it. */
    void bumpEpoch(long caId) {
        ensure(caId);
        jdbc.sql("UPDATE crl_state SET revocation_epoch = revocation_epoch + 1 WHERE ca_id = ?").param(caId).update();
    }

    long epoch(long caId) {
        return jdbc.sql("SELECT revocation_epoch FROM crl_state WHERE ca_id = ?").param(caId).query(Long.class).optional().orElse(0L);
    }

    UrlSwitches switches(long caId) {
        return jdbc.sql("SELECT include_crl_url, include_aia FROM crl_state WHERE ca_id = ?").param(caId)
                .query((rs, n) -> new UrlSwitches(rs.getBoolean(1), rs.getBoolean(2))).optional().orElse(new UrlSwitches(true, true));
    }

    void setSwitches(long caId, UrlSwitches switches) {
        ensure(caId);
        jdbc.sql("UPDATE crl_state SET include_crl_url = ?, include_aia = ? WHERE ca_id = ?")
                .params(switches.crlUrl(), switches.aia(), caId).update();
    }

    /** Records the revocation of CA {@code caId}'s certificate; false when it was revoked already. */
    boolean revokeCa(long caId, Instant at, String reason, String actor) {
        try {
            return jdbc.sql("INSERT INTO ca_revocation (ca_id, revoked_at, revocation_reason, revoked_by) VALUES (?, ?, ?, ?)")
                    .params(caId, Timestamp.from(at), reason, actor).update() == 1;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    Optional<RevokedCa> caRevocation(long caId) {
        return revokedCas("a.id = ?", caId).stream().findFirst();
    }

    /** The revoked CA certificates issued by CA {@code parentId}. */
    List<RevokedCa> revokedChildren(long parentId) {
        return revokedCas("a.parent_id = ?", parentId);
    }

    private List<RevokedCa> revokedCas(String condition, long id) {
        return jdbc.sql("SELECT a.id, a.serial_number, a.not_after, r.revoked_at, r.revocation_reason FROM certificate_authority a"
                        + " JOIN ca_revocation r ON r.ca_id = a.id WHERE " + condition)
                .param(id)
                .query((rs, n) -> new RevokedCa(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4).toInstant(), rs.getString(5))).list();
    }

    /** The child CA of {@code parentId} with this serial (hex), if any: OCSP answers for intermediates too. */
    Optional<Long> childCa(long parentId, String serialHex) {
        return jdbc.sql("SELECT id FROM certificate_authority WHERE parent_id = ? AND serial_number = ?")
                .params(parentId, serialHex).query(Long.class).optional();
    }
}
