package dev.inkan.issuance;

import dev.inkan.authority.AuditAction;
import dev.inkan.authority.AuditedChanges;
import dev.inkan.engine.ConflictException;
import java.math.BigInteger;
import java.time.Duration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Revocation state: marks a certificate revoked in the ledger, for good, with its RFC 5280 reason and
 * an audit event. CRLs and OCSP answers are built from that state by the {@code revocation} module,
 * through {@link IssuedCertificates}.
 */
@Service
public class CertificateRevocation {

    private final CertificateRecords records;
    private final IssuedCertificates ledger;
    private final AuditedChanges changes;
    private final ApplicationEventPublisher events;

    public CertificateRevocation(CertificateRecords records, IssuedCertificates ledger, AuditedChanges changes,
                                 ApplicationEventPublisher events) {
        this.records = records;
        this.ledger = ledger;
        this.changes = changes;
        this.events = events;
    }

    /**
     * Revokes certificate {@code id}, and tells listeners inside the same transaction ({@link CertificateRevoked}:
     * the revocation module raises the CA's revocation epoch there, and publishes a CRL after commit);
     * revoking twice is a conflict.
     */
    public CertificateSummary revoke(long id, RevocationRequest request, String actor) {
        long started = System.nanoTime();
        RevocationReason reason = request.validate();
        CertificateSummary summary = records.summary(id);
        var entry = new AuditedChanges.Entry(AuditAction.REVOKED, summary.caId(), id, "reason " + reason.id());
        changes.change(actor, entry, now -> {
            boolean changed = ledger.revoke(summary.caId(), new BigInteger(summary.serialNumber(), 16), reason, now);
            if (changed) {
                events.publishEvent(new CertificateRevoked(summary.caId(), id, summary.serialNumber(), reason, now));
            }
            return changed;
        }, () -> new ConflictException("id", "certificate " + id + " is already revoked; issue a new certificate if one is needed"));
        events.publishEvent(new LedgerChange(LedgerChange.Kind.REVOKED, summary.caId(), summary.keyType(), summary.origin(),
                Duration.ofNanos(System.nanoTime() - started)));
        return records.summary(id);
    }
}
