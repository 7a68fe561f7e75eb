package dev.inkan.revocation;

import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.engine.IssuingAuthority;
import dev.inkan.engine.KeyType;
import dev.inkan.engine.OcspResponderCertificate;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.operator.ContentSigner;
import org.springframework.stereotype.Component;

/**
 * Who signs a CA's OCSP responses: the CA itself (the default), or with
 * {@code inkan.revocation.delegated-responder=true} a delegated responder (RFC 6960 §4.2.2.2) whose
 * ECDSA P-256 key lives only in this instance's memory and whose certificate the CA issues for
 * {@link #RESPONDER_VALIDITY}, renewed before a response could outlive it.
 */
@Component
class OcspSigners {

    /** A delegated responder certificate lives this long; id-pkix-ocsp-nocheck makes a short life the only revocation. */
    static final Duration RESPONDER_VALIDITY = Duration.ofDays(30);

    /** The certificate whose key signs, a fresh signer, and whether the certificate must travel in the response. */
    record Signer(X509Certificate certificate, ContentSigner contentSigner, boolean delegated) {}

    private record Responder(X509Certificate certificate, KeyPair keyPair) {}

    private final CertificateAuthorityService authorities;
    private final RevocationSettings settings;
    private final Clock clock;
    private final Map<Long, Responder> responders = new ConcurrentHashMap<>();

    OcspSigners(CertificateAuthorityService authorities, RevocationSettings settings, Clock clock) {
        this.authorities = authorities;
        this.settings = settings;
        this.clock = clock;
    }

    /** A signer for CA {@code caId} whose certificate is valid at least until {@code until}. */
    Signer forCa(long caId, Instant until) {
        IssuingAuthority ca = authorities.forIssuing(caId).authority();
        if (!settings.delegatedResponder()) {
            return new Signer(ca.certificate(), ca.newSigner(), false);
        }
        Responder responder = responders.compute(caId, (id, current) ->
                current != null && current.certificate().getNotAfter().toInstant().isAfter(until) ? current : issue(ca));
        return new Signer(responder.certificate(), IssuingAuthority.signer(KeyType.EC_P256, responder.keyPair().getPrivate()), true);
    }

    private Responder issue(IssuingAuthority ca) {
        KeyPair keyPair = KeyType.EC_P256.generate();
        return new Responder(OcspResponderCertificate.issue(keyPair.getPublic(), ca, clock.instant(), RESPONDER_VALIDITY), keyPair);
    }
}
