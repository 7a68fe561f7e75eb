package dev.inkan.revocation;

import dev.inkan.authority.AuditTrail;
import dev.inkan.authority.CaRevocation;
import dev.inkan.authority.CertificateAuthority;
import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.authority.RevokedAuthorities;
import dev.inkan.engine.ConflictException;
import dev.inkan.engine.PolicyViolationException;
import dev.inkan.issuance.RevocationReason;
import dev.inkan.issuance.RevocationRequest;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Revoking an intermediate CA's certificate: it then appears in its parent's CRL and its parent's OCSP
 * answers "revoked". A root has no issuer to say so: it is distrusted by removing it from trust stores.
 */
@Service
public class CaRevocationService implements RevokedAuthorities {

    private final CertificateAuthorityService authorities;
    private final RevocationState state;
    private final RevocationEvents events;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CaRevocationService(CertificateAuthorityService authorities, RevocationState state, RevocationEvents events, AuditTrail audit,
                        TransactionTemplate transactions, Clock clock) {
        this.authorities = authorities;
        this.state = state;
        this.events = events;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Revokes CA {@code caId}'s certificate and publishes its parent's new CRL; the revoked status is returned. */
    public CaRevocation revoke(long caId, RevocationRequest request, String actor) {
        RevocationReason reason = request.validate();
        CertificateAuthority ca = authorities.get(caId);
        if (ca.parentId() == null) {
            throw new PolicyViolationException("id", "CA " + caId + " is a root (or its issuer is not held here): no CRL of an"
                    + " issuer can list it; remove it from the trust stores instead (see /cas/" + caId + "/trust)");
        }
        Instant now = clock.instant();
        boolean done = Boolean.TRUE.equals(transactions.execute(status -> {
            boolean revoked = state.revokeCa(caId, now, reason.id(), actor);
            if (revoked) {
                state.bumpEpoch(ca.parentId());
                authorities.standingChanged();
                audit.record(now, actor, dev.inkan.authority.AuditAction.CA_REVOKED, caId, null, "reason " + reason.id() + "; listed in the CRL of CA " + ca.parentId());
            }
            return revoked;
        }));
        if (!done) {
            throw new ConflictException("id", "CA " + caId + " is already revoked");
        }
        events.published(ca.parentId());
        return revocationOf(caId).orElseThrow();
    }

    @Override
    public java.util.Optional<CaRevocation> revocationOf(long caId) {
        return state.caRevocation(caId).map(r -> new CaRevocation(caId, r.revokedAt(), r.reason()));
    }
}
