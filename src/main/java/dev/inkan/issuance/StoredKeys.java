package dev.inkan.issuance;

import dev.inkan.authority.AuditAction;
import dev.inkan.authority.AuditedChanges;
import dev.inkan.authority.MasterKey;
import dev.inkan.engine.ConflictException;
import dev.inkan.engine.Pem;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import org.springframework.stereotype.Component;

/**
 * The private keys Inkan generated for certificates, sealed by the master key with the certificate's
 * identity as associated data: sealed when issued, opened for key.pem, PKCS#12 and bundle.zip, forgotten
 * on request. A certificate whose key is not stored answers one way everywhere ({@link #noStoredKey}).
 */
@Component
class StoredKeys {

    private final MasterKey masterKey;
    private final CertificateLedger ledger;
    private final AuditedChanges changes;

    StoredKeys(MasterKey masterKey, CertificateLedger ledger, AuditedChanges changes) {
        this.masterKey = masterKey;
        this.ledger = ledger;
        this.changes = changes;
    }

    /** The key, PEM-encoded, sealed for the certificate {@code serial} of CA {@code caId}. */
    byte[] seal(long caId, String serial, String keyPem) {
        return masterKey.seal(keyPem.getBytes(StandardCharsets.US_ASCII), context(caId, serial));
    }

    /**
     * The stored key, unless the certificate was revoked for keyCompromise (RFC 5280 §5.3.1): that key
     * is known to others, and handing it out again (key.pem, PKCS#12, bundle.zip) would put it back
     * into service.
     */
    PrivateKey open(CertificateSummary summary) {
        if (summary.status() == CertificateStatus.REVOKED && RevocationReason.KEY_COMPROMISE.id().equals(summary.revocationReason())) {
            throw new ConflictException("id", "certificate " + summary.id() + " was revoked for keyCompromise on "
                    + summary.revokedAt() + ": its private key must be treated as known to others, so Inkan no longer hands it"
                    + " out (key.pem, PKCS#12, bundle.zip); issue a new certificate, which gets a new key");
        }
        byte[] sealed = ledger.sealedKey(summary.id()).orElseThrow(() -> noStoredKey(summary.id()));
        byte[] pem = masterKey.open(sealed, context(summary.caId(), summary.serialNumber()));
        return Pem.readPrivateKey("key", new String(pem, StandardCharsets.US_ASCII), null);
    }

    /** Forgets the stored key for good, with an audit entry; a certificate without one is {@link #noStoredKey}. */
    void delete(CertificateSummary summary, String actor) {
        long id = summary.id();
        var entry = new AuditedChanges.Entry(AuditAction.KEY_DELETED, summary.caId(), id, "private key deleted");
        changes.change(actor, entry, now -> ledger.deleteKey(id), () -> noStoredKey(id));
    }

    /** The associated data a certificate's key is sealed with: a sealed key copied to another row does not open. */
    private static String context(long caId, String serial) {
        return "certificate:" + caId + ":" + serial;
    }

    /** The one answer to "this certificate's key is not stored", whatever asked for it (key.pem, PKCS#12, bundle, delete). */
    private static ConflictException noStoredKey(long id) {
        return new ConflictException("key", "certificate " + id + " has no stored private key: it was signed from a CSR (the key"
                + " stayed with its owner) or its key was deleted; download cert.pem and fullchain.pem and use the key you hold,"
                + " or issue a new certificate to get a new key");
    }
}
