package dev.inkan.revocation;

import dev.inkan.issuance.CertificateRevoked;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * What a revocation sets off: in its own transaction the CA's revocation epoch goes up (so every
 * instance's OCSP cache sees it); once committed, this instance drops its cached OCSP answers and
 * issues a new CRL.
 */
@Component
class RevocationEvents {

    private final RevocationState state;
    private final OcspResponder responder;
    private final CrlPublisher crls;

    RevocationEvents(RevocationState state, OcspResponder responder, CrlPublisher crls) {
        this.state = state;
        this.responder = responder;
        this.crls = crls;
    }

    @EventListener
    void inTransaction(CertificateRevoked event) {
        state.bumpEpoch(event.caId());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void afterCommit(CertificateRevoked event) {
        published(event.caId());
    }

    /** After any revocation by CA {@code caId} committed: OCSP first (cheap), then the CRL. */
    void published(long caId) {
        responder.revocationCommitted(caId);
        crls.publish(caId);
    }
}
