package dev.inkan.issuance;

import dev.inkan.authority.AuditAction;
import dev.inkan.authority.AuditTrail;
import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.engine.ConflictException;
import dev.inkan.authority.MasterKey;
import dev.inkan.engine.NotFoundException;
import dev.inkan.engine.CertificateBundle;
import dev.inkan.engine.CertificateDescription;
import dev.inkan.engine.Pem;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What was issued, and its files: search the ledger, show one certificate, hand out its PEM files,
 * PKCS#12 and bundle, forget its key, count by status. Chains are read from the CAs' certificates;
 * no CA key is opened here. A certificate whose key is not stored answers one way everywhere
 * ({@link #noStoredKey}).
 */
@Service
public class CertificateRecords {

    private final CertificateAuthorityService authorities;
    private final CertificateLedger ledger;
    private final AuditTrail audit;
    private final MasterKey masterKey;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CertificateRecords(CertificateAuthorityService authorities, CertificateLedger ledger, AuditTrail audit, MasterKey masterKey,
                       TransactionTemplate transactions, Clock clock) {
        this.authorities = authorities;
        this.ledger = ledger;
        this.audit = audit;
        this.masterKey = masterKey;
        this.transactions = transactions;
        this.clock = clock;
    }

    public CertificatePage search(CertificateQuery query) {
        return ledger.search(query.validate(), clock.instant());
    }

    public CertificateSummary summary(long id) {
        return ledger.find(id, clock.instant()).orElseThrow(() -> unknown(id));
    }

    public CertificateDetails get(long id) {
        CertificateSummary summary = summary(id);
        X509Certificate certificate = certificate(id);
        var ca = authorities.get(summary.caId());
        return CertificateDetails.of(summary, ca.name(), CertificateDescription.of(certificate), Pem.encode(certificate),
                ca.chainPem(), audit.forCertificate(id));
    }

    /** One of the PEM files; {@link PemFile#KEY} only while the server holds the key. */
    public String pem(long id, PemFile file) {
        return switch (file) {
            case CERT -> Pem.encode(certificate(id));
            case CHAIN -> authorities.get(summary(id).caId()).chainPem();
            case FULLCHAIN -> Pem.encode(certificate(id)) + authorities.get(summary(id).caId()).chainPem();
            case KEY -> Pem.encode(privateKey(summary(id)));
        };
    }

    /** Key, certificate and chain in a PKCS#12 protected by the caller's password. */
    public byte[] pkcs12(long id, Pkcs12Request request) {
        var encryption = request.validate();
        CertificateSummary summary = summary(id);
        return bundle(summary).toPkcs12(summary.commonName(), request.password().toCharArray(), encryption);
    }

    /** Key, certificate and chain for the nginx bundle (bundle.zip). */
    public CertificateBundle bundle(long id) {
        return bundle(summary(id));
    }

    /** Forgets the stored private key for good: key.pem, PKCS#12 and the bundle are no longer offered. */
    public void deleteKey(long id, String actor) {
        CertificateSummary summary = summary(id);
        Instant now = clock.instant();
        boolean done = Boolean.TRUE.equals(transactions.execute(status -> {
            boolean changed = ledger.deleteKey(id);
            if (changed) {
                audit.record(now, actor, AuditAction.KEY_DELETED, summary.caId(), id, "private key deleted");
            }
            return changed;
        }));
        if (!done) {
            throw noStoredKey(id);
        }
    }

    /** The dashboard's numbers, for one CA or (caId null) all. */
    public StatusCounts counts(Long caId) {
        return ledger.counts(caId, clock.instant());
    }

    /** The unrevoked, unexpired certificates that expire next. */
    public List<CertificateSummary> expiringNext(int limit) {
        return ledger.search(CertificateQuery.expiringNext(limit).validate(), clock.instant()).items();
    }

    /** How many certificates the ledger holds. */
    public long count() {
        return ledger.count();
    }

    private CertificateBundle bundle(CertificateSummary summary) {
        return new CertificateBundle(certificate(summary.id()), authorities.chain(summary.caId()), privateKey(summary));
    }

    private X509Certificate certificate(long id) {
        byte[] der = ledger.der(id).orElseThrow(() -> unknown(id));
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalStateException("certificate " + id + " in the database does not decode", e);
        }
    }

    /**
     * The stored key, unless the certificate was revoked for keyCompromise (RFC 5280 §5.3.1): that key
     * is known to others, and handing it out again (key.pem, PKCS#12, bundle.zip) would put it back
     * into service.
     */
    private PrivateKey privateKey(CertificateSummary summary) {
        if (summary.status() == CertificateStatus.REVOKED && RevocationReason.KEY_COMPROMISE.id().equals(summary.revocationReason())) {
            throw new ConflictException("id", "certificate " + summary.id() + " was revoked for keyCompromise on "
                    + summary.revokedAt() + ": its private key must be treated as known to others, so Inkan no longer hands it"
                    + " out (key.pem, PKCS#12, bundle.zip); issue a new certificate, which gets a new key");
        }
        Optional<byte[]> sealed = ledger.sealedKey(summary.id());
        byte[] pem = masterKey.open(sealed.orElseThrow(() -> noStoredKey(summary.id())), keyContext(summary.caId(), summary.serialNumber()));
        return Pem.readPrivateKey("key", new String(pem, StandardCharsets.US_ASCII), null);
    }

    /** The associated data a certificate's key is sealed with: a sealed key copied to another row does not open. */
    static String keyContext(long caId, String serial) {
        return "certificate:" + caId + ":" + serial;
    }

    static NotFoundException unknown(long id) {
        return new NotFoundException("id", "no certificate with id " + id + "; search with GET /api/v1/certificates");
    }

    /** The one answer to "this certificate's key is not stored", whatever asked for it (key.pem, PKCS#12, bundle, delete). */
    static ConflictException noStoredKey(long id) {
        return new ConflictException("key", "certificate " + id + " has no stored private key: it was signed from a CSR (the key"
                + " stayed with its owner) or its key was deleted; download cert.pem and fullchain.pem and use the key you hold,"
                + " or issue a new certificate to get a new key");
    }
}
