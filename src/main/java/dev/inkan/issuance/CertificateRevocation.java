package dev.inkan.issuance;

import dev.inkan.authority.AuditAction;
import dev.inkan.authority.AuditTrail;
import dev.inkan.engine.ConflictException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Revocation state: marks a certificate revoked in the ledger, for good, with its RFC 5280 reason and
 * an audit event. CRLs and OCSP answers are built from that state by the {@code revocation} module,
 * through {@link IssuedCertificates}.
 */
@Service
public class CertificateRevocation {

    private final CertificateRecords records;
    private final IssuedCertificates ledger;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public CertificateRevocation(CertificateRecords records, IssuedCertificates ledger, AuditTrail audit,
                                 TransactionTemplate transactions, Clock clock) {
        this.records = records;
        this.ledger = ledger;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Revokes certificate {@code id}; revoking twice is a conflict. */
    public CertificateSummary revoke(long id, RevocationRequest request, String actor) {
        RevocationReason reason = request.validate();
        CertificateSummary summary = records.summary(id);
        Instant now = clock.instant();
        boolean done = Boolean.TRUE.equals(transactions.execute(status -> {
            boolean changed = ledger.revoke(summary.caId(), new BigInteger(summary.serialNumber(), 16), reason, now);
            if (changed) {
                audit.record(now, actor, AuditAction.REVOKED, summary.caId(), id, "reason " + reason.id());
            }
            return changed;
        }));
        if (!done) {
            throw new ConflictException("id", "certificate " + id + " is already revoked; issue a new certificate if one is needed");
        }
        return records.summary(id);
    }
}
