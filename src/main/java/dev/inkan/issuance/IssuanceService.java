package dev.inkan.issuance;

import dev.inkan.authority.AuditAction;
import dev.inkan.authority.AuditTrail;
import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.authority.CertificateAuthorityService.ActiveCa;
import dev.inkan.authority.ConflictException;
import dev.inkan.authority.MasterKey;
import dev.inkan.authority.NotFoundException;
import dev.inkan.engine.CertificateBundle;
import dev.inkan.engine.CertificateDescription;
import dev.inkan.engine.CertificateIssuer;
import dev.inkan.engine.KeyType;
import dev.inkan.engine.LeafSpec;
import dev.inkan.engine.Pem;
import dev.inkan.engine.SubjectAltNames;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issuing and everything after: issue with a generated key, sign a CSR, search the ledger, show one
 * certificate, hand out its files and PKCS#12, revoke it, forget its key. The API and the UI both call
 * this; every refusal is an engine {@code RequestRejectedException}, {@link NotFoundException} or
 * {@link ConflictException} raised before anything is written.
 */
@Service
public class IssuanceService {

    private static final int SERIAL_ATTEMPTS = 3;

    private final CertificateAuthorityService authorities;
    private final CertificateLedger ledger;
    private final AuditTrail audit;
    private final MasterKey masterKey;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public IssuanceService(CertificateAuthorityService authorities, CertificateLedger ledger, AuditTrail audit,
                           MasterKey masterKey, TransactionTemplate transactions, Clock clock) {
        this.authorities = authorities;
        this.ledger = ledger;
        this.audit = audit;
        this.masterKey = masterKey;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Issues a certificate for a key generated here; the key is returned once and kept sealed for later downloads. */
    public IssuedCertificate issue(IssuanceRequest request, String actor) {
        IssuanceRequest.Valid valid = request.validate();
        ActiveCa ca = authorities.forIssuing(valid.caId());
        KeyPair keyPair = valid.keyType().generate();
        return record(ca, valid.spec(), keyPair.getPublic(), keyPair.getPrivate(), valid.keyType(), actor, CertificateOrigin.GENERATED);
    }

    /** Signs a CSR: the certificate carries the CSR's key and names, and only what the profile allows. */
    public IssuedCertificate signCsr(CsrIssuanceRequest request, String actor) {
        return signCsr(request, actor, CertificateOrigin.CSR);
    }

    /** Signs a CSR for another front door (origin {@code acme}: the ACME finalize of RFC 8555 §7.4). */
    public IssuedCertificate signCsr(CsrIssuanceRequest request, String actor, CertificateOrigin origin) {
        CsrIssuanceRequest.Valid valid = request.validate();
        ActiveCa ca = authorities.forIssuing(valid.caId());
        return record(ca, valid.spec(), valid.request().publicKey(), null, valid.request().keyType(), actor, origin);
    }

    /** What {@link #signCsr} would issue, with the same checks, for the UI to show before signing. */
    public CsrPreview previewCsr(CsrIssuanceRequest request) {
        CsrIssuanceRequest.Valid valid = request.validate();
        ActiveCa ca = authorities.forIssuing(valid.caId());
        LeafSpec spec = valid.spec();
        return new CsrPreview(spec.commonName(), spec.names().values(SubjectAltNames.Kind.DNS),
                spec.names().values(SubjectAltNames.Kind.IP), valid.request().keyType().id(), spec.profile().id(),
                spec.validityDays(), ca.id(), ca.view().name());
    }

    private IssuedCertificate record(ActiveCa ca, LeafSpec spec, PublicKey publicKey, PrivateKey privateKey, KeyType keyType,
                                     String actor, CertificateOrigin origin) {
        String keyPem = privateKey == null ? null : Pem.encode(privateKey);
        List<String> dns = spec.names().values(SubjectAltNames.Kind.DNS);
        List<String> ips = spec.names().values(SubjectAltNames.Kind.IP);
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            X509Certificate certificate = CertificateIssuer.leaf(spec, publicKey, ca.authority(), now);
            String serial = certificate.getSerialNumber().toString(16);
            byte[] sealed = keyPem == null ? null : masterKey.seal(keyPem.getBytes(StandardCharsets.US_ASCII), keyContext(ca.id(), serial));
            var entry = new CertificateLedger.Entry(ca.id(), serial, spec.commonName(), dns, ips, spec.profile().id(), keyType.id(),
                    origin, certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), encoded(certificate),
                    sealed, now, actor);
            try {
                long id = transactions.execute(status -> {
                    long newId = ledger.insert(entry);
                    audit.record(now, actor, keyPem == null ? AuditAction.CSR_SIGNED : AuditAction.ISSUED, ca.id(), newId,
                            "serial " + serial + " for " + spec.names());
                    return newId;
                });
                return new IssuedCertificate(id, serial, spec.commonName(), dns, ips, spec.profile().id(), keyType.id(), ca.id(),
                        entry.notBefore(), entry.notAfter(), Pem.encode(certificate), ca.chainPem(), keyPem);
            } catch (DuplicateKeyException e) {
                // a serial collision at 159 random bits means a broken CSPRNG more than bad luck: retry, then fail loudly
                if (attempt == SERIAL_ATTEMPTS) {
                    throw new IllegalStateException("serial number collided " + SERIAL_ATTEMPTS + " times; check the random source", e);
                }
            }
        }
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
        ActiveCa ca = authorities.forIssuing(summary.caId());
        return CertificateDetails.of(summary, ca.view().name(), CertificateDescription.of(certificate), Pem.encode(certificate),
                ca.chainPem(), audit.forCertificate(id));
    }

    /** One of the PEM files; {@link PemFile#KEY} only while the server holds the key. */
    public String pem(long id, PemFile file) {
        return switch (file) {
            case CERT -> Pem.encode(certificate(id));
            case CHAIN -> authorities.forIssuing(summary(id).caId()).chainPem();
            case FULLCHAIN -> Pem.encode(certificate(id)) + authorities.forIssuing(summary(id).caId()).chainPem();
            case KEY -> Pem.encode(privateKey(id).orElseThrow(() -> noKey(id)));
        };
    }

    /** Key, certificate and chain in a PKCS#12 protected by the caller's password. */
    public byte[] pkcs12(long id, Pkcs12Request request) {
        var encryption = request.validate();
        CertificateSummary summary = summary(id);
        PrivateKey key = privateKey(id).orElseThrow(() -> new ConflictException("id", "certificate " + id
                + " has no stored private key (" + (summary.origin() != CertificateOrigin.GENERATED ? "it was signed from a CSR"
                : "it was deleted") + "), so no PKCS#12 can be made here; build one where the key is: openssl pkcs12 -export"));
        var bundle = new CertificateBundle(certificate(id), authorities.forIssuing(summary.caId()).authority().chain(), key);
        return bundle.toPkcs12(summary.commonName(), request.password().toCharArray(), encryption);
    }

    /** Key, certificate and chain for the nginx bundle (bundle.zip); refused when the key is no longer stored. */
    public CertificateBundle bundle(long id) {
        CertificateSummary summary = summary(id);
        PrivateKey key = privateKey(id).orElseThrow(() -> new ConflictException("id", "certificate " + id
                + " has no stored private key (" + (summary.origin() != CertificateOrigin.GENERATED ? "it was signed from a CSR"
                : "it was deleted") + "), so there is no nginx bundle; download cert.pem and fullchain.pem and use the key you hold"));
        return new CertificateBundle(certificate(id), authorities.forIssuing(summary.caId()).authority().chain(), key);
    }

    /** Revokes (status only until CRL/OCSP exist); revoking twice is a conflict. */
    public CertificateSummary revoke(long id, RevocationRequest request, String actor) {
        RevocationReason reason = request.validate();
        CertificateSummary summary = summary(id);
        Instant now = clock.instant();
        boolean done = Boolean.TRUE.equals(transactions.execute(status -> {
            boolean changed = ledger.revoke(id, reason, now);
            if (changed) {
                audit.record(now, actor, AuditAction.REVOKED, summary.caId(), id, "reason " + reason.id());
            }
            return changed;
        }));
        if (!done) {
            throw new ConflictException("id", "certificate " + id + " is already revoked; issue a new certificate if one is needed");
        }
        return summary(id);
    }

    /** Forgets the stored private key for good: key.pem and PKCS#12 are no longer offered. */
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
            throw noKey(id);
        }
    }

    /** The dashboard's numbers, for one CA or (caId null) all. */
    public StatusCounts counts(Long caId) {
        return ledger.counts(caId, clock.instant());
    }

    /** The unrevoked, unexpired certificates that expire next. */
    public List<CertificateSummary> expiringNext(int limit) {
        return ledger.search(new CertificateQuery(null, null, null, 36_500, 0, Math.max(1, Math.min(limit, CertificateQuery.MAX_SIZE)),
                "notAfter").validate(), clock.instant()).items();
    }

    /** How many certificates the ledger holds. */
    public long count() {
        return ledger.count();
    }

    private X509Certificate certificate(long id) {
        byte[] der = ledger.der(id).orElseThrow(() -> unknown(id));
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalStateException("certificate " + id + " in the database does not decode", e);
        }
    }

    private java.util.Optional<PrivateKey> privateKey(long id) {
        CertificateSummary summary = summary(id);
        return ledger.sealedKey(id).map(sealed -> {
            byte[] pem = masterKey.open(sealed, keyContext(summary.caId(), summary.serialNumber()));
            return Pem.readPrivateKey("key", new String(pem, StandardCharsets.US_ASCII), null);
        });
    }

    private static String keyContext(long caId, String serial) {
        return "certificate:" + caId + ":" + serial;
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static NotFoundException unknown(long id) {
        return new NotFoundException("id", "no certificate with id " + id + "; search with GET /api/v1/certificates");
    }

    private static NotFoundException noKey(long id) {
        return new NotFoundException("key", "certificate " + id + " has no stored private key: it was signed from a CSR (the key"
                + " stayed with its owner) or the key was deleted; issue a new certificate to get a new key");
    }
}
