package dev.inkan.issuance;

import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The ledger as revocation reads it, keyed by issuer (CA id) and serial (cfssl certdb's shape): the
 * status of one serial, and the revoked certificates of one CA still worth listing in its CRL.
 * Read-only; {@link IssuanceService#revoke} is what changes a status.
 */
@Component
public class RevocationLedger {

    /** What the ledger says of one serial of one CA; {@code revokedAt} null while it is not revoked. */
    public record SerialStatus(BigInteger serialNumber, Instant notAfter, Instant revokedAt, RevocationReason reason) {
        public boolean revoked() {
            return revokedAt != null;
        }
    }

    private final JdbcClient jdbc;

    RevocationLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The ledger's entry for {@code serial} issued by CA {@code caId}; empty when that CA never issued it. */
    public Optional<SerialStatus> find(long caId, BigInteger serial) {
        return jdbc.sql("SELECT serial_number, not_after, revoked_at, revocation_reason FROM certificate"
                        + " WHERE ca_id = ? AND serial_number = ?")
                .params(caId, serial.toString(16))
                .query((rs, n) -> status(rs)).optional();
    }

    /** The revoked certificates of CA {@code caId} whose notAfter is after {@code expiredBefore} (RFC 5280 §5: expired ones may go). */
    public List<SerialStatus> revoked(long caId, Instant expiredBefore) {
        return jdbc.sql("SELECT serial_number, not_after, revoked_at, revocation_reason FROM certificate"
                        + " WHERE ca_id = ? AND revoked = TRUE AND not_after > ?")
                .params(caId, Timestamp.from(expiredBefore))
                .query((rs, n) -> status(rs)).list();
    }

    private static SerialStatus status(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp revokedAt = rs.getTimestamp("revoked_at");
        String reason = rs.getString("revocation_reason");
        return new SerialStatus(new BigInteger(rs.getString("serial_number"), 16), rs.getTimestamp("not_after").toInstant(),
                revokedAt == null ? null : revokedAt.toInstant(),
                reason == null ? null : RevocationReason.parse("reason", reason));
    }
}
