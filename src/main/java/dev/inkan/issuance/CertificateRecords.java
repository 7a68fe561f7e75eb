package dev.inkan.issuance;

import dev.inkan.authority.AuditTrail;
import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.engine.NotFoundException;
import dev.inkan.engine.CertificateBundle;
import dev.inkan.engine.CertificateDescription;
import dev.inkan.engine.Pem;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * What was issued, and its files: search the ledger, show one certificate, hand out its PEM files,
 * PKCS#12 and bundle, forget its key, count by status. Chains are read from the CAs' certificates;
 * no CA key is opened here; leaf keys are sealed, opened and forgotten by {@link StoredKeys}.
 */
@Service
public class CertificateRecords {

    private final CertificateAuthorityService authorities;
    private final CertificateLedger ledger;
    private final StoredKeys keys;
    private final AuditTrail audit;
    private final Clock clock;

    CertificateRecords(CertificateAuthorityService authorities, CertificateLedger ledger, StoredKeys keys, AuditTrail audit, Clock clock) {
        this.authorities = authorities;
        this.ledger = ledger;
        this.keys = keys;
        this.audit = audit;
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
            case KEY -> Pem.encode(keys.open(summary(id)));
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
        keys.delete(summary(id), actor);
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
        return new CertificateBundle(certificate(summary.id()), authorities.chain(summary.caId()), keys.open(summary));
    }

    private X509Certificate certificate(long id) {
        byte[] der = ledger.der(id).orElseThrow(() -> unknown(id));
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalStateException("certificate " + id + " in the database does not decode", e);
        }
    }

    static NotFoundException unknown(long id) {
        return new NotFoundException("id", "no certificate with id " + id + "; search with GET /api/v1/certificates");
    }
}
