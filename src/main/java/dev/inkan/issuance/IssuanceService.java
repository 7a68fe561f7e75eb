package dev.inkan.issuance;

import dev.inkan.authority.AuditAction;
import dev.inkan.authority.AuditedChanges;
import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.authority.CertificateAuthorityService.ActiveCa;
import dev.inkan.engine.CertificateIssuer;
import dev.inkan.engine.KeyType;
import dev.inkan.engine.LeafSpec;
import dev.inkan.engine.Pem;
import dev.inkan.engine.SubjectAltNames;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Issuing: a certificate for a key generated here, or for the key of a CSR. Each is validated
 * before any key is made, signed by the CA the request names, and recorded in the ledger with an
 * audit event in one transaction. What comes after issuing lives in {@link CertificateRecords}
 * (lists, files, keys) and {@link CertificateRevocation}.
 */
@Service
public class IssuanceService {

    private static final int SERIAL_ATTEMPTS = 3;

    private final CertificateAuthorityService authorities;
    private final IssuedCertificates ledger;
    private final AuditedChanges changes;
    private final KeyPairPool keys;
    private final StoredKeys storedKeys;
    private final ApplicationEventPublisher events;

    IssuanceService(CertificateAuthorityService authorities, IssuedCertificates ledger, AuditedChanges changes, KeyPairPool keys,
                    StoredKeys storedKeys, ApplicationEventPublisher events) {
        this.authorities = authorities;
        this.ledger = ledger;
        this.changes = changes;
        this.keys = keys;
        this.storedKeys = storedKeys;
        this.events = events;
    }

    /** Issues a certificate for a key generated here; the key is returned once and kept sealed for later downloads. */
    public IssuedCertificate issue(IssuanceRequest request, String actor) {
        long started = System.nanoTime();
        IssuanceRequest.Valid valid = request.validate();
        ActiveCa ca = authorities.forSigning(valid.caId());
        KeyPair keyPair = keys.take(valid.keyType());
        return record(ca, valid.spec(), keyPair.getPublic(), keyPair.getPrivate(), valid.keyType(), CertificateOrigin.GENERATED, actor,
                started);
    }

    /** Signs a CSR: the certificate carries the CSR's key and names, and only what the profile allows. */
    public IssuedCertificate signCsr(CsrIssuanceRequest request, String actor) {
        return signCsr(request, actor, CertificateOrigin.CSR);
    }

    /** Signs a CSR that came by {@code origin} (the ACME module's finalize passes {@link CertificateOrigin#ACME}). */
    public IssuedCertificate signCsr(CsrIssuanceRequest request, String actor, CertificateOrigin origin) {
        long started = System.nanoTime();
        if (origin == CertificateOrigin.GENERATED) {
            throw new IllegalArgumentException("a signed CSR's key is its requester's, never generated here");
        }
        CsrIssuanceRequest.Valid valid = request.validate();
        ActiveCa ca = authorities.forSigning(valid.caId());
        return record(ca, valid.spec(), valid.request().publicKey(), null, valid.request().keyType(), origin, actor, started);
    }

    /** What {@link #signCsr} would issue, with the same checks, for the UI to show before signing. */
    public CsrPreview previewCsr(CsrIssuanceRequest request) {
        CsrIssuanceRequest.Valid valid = request.validate();
        ActiveCa ca = authorities.forSigning(valid.caId());
        LeafSpec spec = valid.spec();
        return new CsrPreview(spec.commonName(), spec.names().values(SubjectAltNames.Kind.DNS),
                spec.names().values(SubjectAltNames.Kind.IP), valid.request().keyType().id(), spec.profile().id(),
                spec.validityDays(), ca.id(), ca.view().name());
    }

    private IssuedCertificate record(ActiveCa ca, LeafSpec spec, PublicKey publicKey, PrivateKey privateKey, KeyType keyType,
                                     CertificateOrigin origin, String actor, long started) {
        String keyPem = privateKey == null ? null : Pem.encode(privateKey);
        List<String> dns = spec.names().values(SubjectAltNames.Kind.DNS);
        List<String> ips = spec.names().values(SubjectAltNames.Kind.IP);
        for (int attempt = 1; ; attempt++) {
            Instant now = changes.now();
            X509Certificate certificate = CertificateIssuer.leaf(spec, publicKey, ca.authority(), now);
            String serial = certificate.getSerialNumber().toString(16);
            byte[] sealed = keyPem == null ? null : storedKeys.seal(ca.id(), serial, keyPem);
            var entry = new IssuedCertificates.Entry(ca.id(), serial, spec.commonName(), dns, ips, spec.profile().id(), keyType.id(),
                    origin, certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), encoded(certificate),
                    sealed, now, actor);
            try {
                long id = changes.insert(now, actor, () -> ledger.record(entry), newId -> new AuditedChanges.Entry(
                        keyPem == null ? AuditAction.CSR_SIGNED : AuditAction.ISSUED, ca.id(), newId, "serial " + serial + " for " + spec.names()));
                events.publishEvent(new LedgerChange(LedgerChange.Kind.ISSUED, ca.id(), keyType.id(), origin,
                        Duration.ofNanos(System.nanoTime() - started)));
                return new IssuedCertificate(id, serial, spec.commonName(), dns, ips, spec.profile().id(), keyType.id(), ca.id(),
                        entry.notBefore(), entry.notAfter(), Pem.encode(certificate), ca.chainPem(), keyPem,
                        CertificateIssuer.clampWarning(spec.validityDays(), certificate, ca.authority(), now).stream().toList());
            } catch (DuplicateKeyException e) {
                // a serial collision at 159 random bits means a broken CSPRNG more than bad luck: retry, then fail loudly
                if (attempt == SERIAL_ATTEMPTS) {
                    throw new IllegalStateException("serial number collided " + SERIAL_ATTEMPTS + " times; check the random source", e);
                }
            }
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
