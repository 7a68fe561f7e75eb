package dev.inkan.revocation;

import dev.inkan.issuance.CertificateRevoked;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * What a revocation sets off: in its own transaction the CA's revocation epoch goes up (so every
 * instance's OCSP cache sees it); once committed, this instance drops its cached OCSP answers and
 * issues a new CRL, or with delta CRLs on a new delta CRL.
 */
@Component
record RevocationEvents(RevocationState state, OcspResponder responder, CrlPublisher crls, RevocationSettings settings) {

    @EventListener
    void inTransaction(CertificateRevoked event) {
        state.bumpEpoch(event.caId());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void afterCommit(CertificateRevoked event) {
        published(event.caId());
    }

    /** After any revocation by CA {@code caId} committed: OCSP first (cheap), then the CRL (a delta CRL when those are on). */
    void published(long caId) {
        responder.revocationCommitted(caId);
        if (settings.deltaCrl()) {
            crls.publishDelta(caId);
        } else {
            crls.publish(caId);
        }
    }
}
