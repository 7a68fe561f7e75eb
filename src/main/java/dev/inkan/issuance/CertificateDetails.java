package dev.inkan.issuance;

import dev.inkan.authority.AuditTrail;
import dev.inkan.engine.CertificateDescription;
import java.time.Instant;
import java.util.List;

/**
 * One certificate in full: its ledger entry, the certificate decoded (like {@code openssl x509 -text}),
 * its PEM and chain, and its history. The private key is never part of it: download key.pem for that.
 */
public record CertificateDetails(long id, String serialNumber, String commonName, List<String> dnsNames,
                                 List<String> ipAddresses, String profile, String keyType, long caId, String caName,
                                 Instant notBefore, Instant notAfter, CertificateStatus status, Instant revokedAt, String revocationReason,
                                 CertificateOrigin origin, boolean privateKeyStored, Instant createdAt, String createdBy,
                                 CertificateDescription details, String certificatePem, String chainPem,
                                 List<AuditTrail.Event> history) {

    static CertificateDetails of(CertificateSummary s, String caName, CertificateDescription details, String certificatePem,
                                 String chainPem, List<AuditTrail.Event> history) {
        return new CertificateDetails(s.id(), s.serialNumber(), s.commonName(), s.dnsNames(), s.ipAddresses(), s.profile(),
                s.keyType(), s.caId(), caName, s.notBefore(), s.notAfter(), s.status(), s.revokedAt(), s.revocationReason(),
                s.origin(), s.privateKeyStored(), s.createdAt(), s.createdBy(), details, certificatePem, chainPem, history);
    }
}
