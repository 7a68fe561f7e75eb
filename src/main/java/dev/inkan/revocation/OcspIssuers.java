package dev.inkan.revocation;

import dev.inkan.authority.CertificateAuthority;
import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.engine.OcspQuery;
import dev.inkan.engine.Pem;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The CAs an OCSP request may name (RFC 6960 §4.1.1 CertID: issuer name and key hashes). The list is
 * read again when a request names no known CA, at most once a second, so a new CA is answered for.
 */
@Component
class OcspIssuers {

    /** A CA this responder answers for. */
    record Issuer(long caId, X509Certificate certificate) {}

    private static final long RELOAD_NANOS = 1_000_000_000L;

    private final CertificateAuthorityService authorities;
    private volatile List<Issuer> issuers;
    private volatile long loadedAt;

    OcspIssuers(CertificateAuthorityService authorities) {
        this.authorities = authorities;
    }

    Optional<Issuer> issuerOf(OcspQuery.Certificate certificate) {
        Optional<Issuer> found = find(certificate, issuers());
        if (found.isEmpty() && System.nanoTime() - loadedAt > RELOAD_NANOS) {
            found = find(certificate, reload());
        }
        return found;
    }

    private static Optional<Issuer> find(OcspQuery.Certificate certificate, List<Issuer> issuers) {
        return issuers.stream().filter(issuer -> certificate.issuedBy(issuer.certificate())).findFirst();
    }

    private List<Issuer> issuers() {
        List<Issuer> list = issuers;
        return list != null ? list : reload();
    }

    private synchronized List<Issuer> reload() {
        List<Issuer> list = authorities.list().stream()
                .map(ca -> new Issuer(ca.id(), Pem.readCertificates("certificatePem", ca.certificatePem()).get(0))).toList();
        issuers = list;
        loadedAt = System.nanoTime();
        return list;
    }

    static long idOf(CertificateAuthority ca) {
        return ca.id();
    }
}
