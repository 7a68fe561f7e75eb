package dev.inkan.authority;

import dev.inkan.engine.CertificateDescription;
import java.time.Instant;
import java.util.List;

/**
 * A CA held by this instance, as the API and UI show it; its private key is never part of it.
 *
 * @param kind              root, intermediate (made here under {@code parentId}) or imported
 * @param keyType           {@code ecdsa-p256}, {@code rsa-2048}, ...
 * @param nameConstraints   one line: what this CA may sign for
 * @param defaultAuthority  the CA that issues when a request names none, and whose certificate {@code /ca.pem} serves
 * @param certificatePem    this CA's certificate
 * @param chainPem          this CA's certificate then its issuers up to the root
 * @param details           the certificate decoded
 */
public record CertificateAuthority(long id, String name, CaKind kind, Long parentId, String subject, String serialNumber,
                                   String keyType, Instant notBefore, Instant notAfter, String fingerprintSha256,
                                   List<String> permittedDnsDomains, List<String> permittedIpRanges, String nameConstraints,
                                   boolean defaultAuthority, Instant createdAt, String certificatePem, String chainPem,
                                   CertificateDescription details) {

    /** Whether the CA's certificate is still valid at {@code now}. */
    public boolean validAt(Instant now) {
        return !now.isBefore(notBefore) && now.isBefore(notAfter);
    }
}
