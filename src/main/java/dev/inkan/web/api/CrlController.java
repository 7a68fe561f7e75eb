package dev.inkan.web.api;

import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.revocation.CrlPublisher;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Public, plain HTTP, no login: {@code /crl/{caId}.crl} (DER, {@code application/pkix-crl}, RFC 5280
 * §4.2.1.13 and RFC 2585 §4.2), {@code /crl/{caId}.pem}, and {@code /crl/{caId}.cer}, the CA's certificate
 * (DER, {@code application/pkix-cert}) that AIA caIssuers points to. Cacheable until shortly before
 * the CRL's nextUpdate.
 */
@RestController
record CrlController(CrlPublisher crls, CertificateAuthorityService authorities) {

    static final MediaType PKIX_CRL = MediaType.parseMediaType("application/pkix-crl");
    static final MediaType PKIX_CERT = MediaType.parseMediaType("application/pkix-cert");
    static final String PEM_FILE = "application/x-pem-file";

    /**
     * The latest full CRL, or with {@code -delta} the latest delta CRL (RFC 5280 §5.2.4, named by the full CRL's
     * Freshest CRL extension; 404 while deltas are off): DER, and PEM below.
     */
    @GetMapping("/crl/{caId:\\d+}{delta:(?:-delta)?}.crl")
    ResponseEntity<byte[]> der(@PathVariable long caId, @PathVariable String delta) {
        return der(published(caId, delta));
    }

    @GetMapping("/crl/{caId:\\d+}{delta:(?:-delta)?}.pem")
    ResponseEntity<String> pem(@PathVariable long caId, @PathVariable String delta) {
        return pem(published(caId, delta));
    }

    private CrlPublisher.PublishedCrl published(long caId, String delta) {
        return delta.isEmpty() ? crls.current(caId) : crls.currentDelta(caId);
    }

    private static ResponseEntity<byte[]> der(CrlPublisher.PublishedCrl crl) {
        return cached(crl.info().thisUpdate(), crl.info().nextUpdate(), crl.info().number()).contentType(PKIX_CRL).body(crl.der());
    }

    private static ResponseEntity<String> pem(CrlPublisher.PublishedCrl crl) {
        return cached(crl.info().thisUpdate(), crl.info().nextUpdate(), crl.info().number())
                .contentType(MediaType.parseMediaType(PEM_FILE)).body(crl.pem());
    }

    @GetMapping("/crl/{caId}.cer")
    ResponseEntity<byte[]> issuerCertificate(@PathVariable long caId) throws java.security.cert.CertificateEncodingException {
        byte[] der = authorities.forIssuing(caId).authority().certificate().getEncoded();
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic()).contentType(PKIX_CERT).body(der);
    }

    /** Clients see a new CRL (issued on every revocation) within 5 minutes; never cached past an hour before nextUpdate. */
    static final long MAX_AGE_SECONDS = 300;

    private static ResponseEntity.BodyBuilder cached(Instant thisUpdate, Instant nextUpdate, long number) {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofSeconds(maxAgeSeconds(nextUpdate))).cachePublic())
                .lastModified(thisUpdate).eTag(etag(number));
    }

    static long maxAgeSeconds(Instant nextUpdate) {
        return Math.min(Math.max(0, Duration.between(Instant.now(), nextUpdate).minusHours(1).toSeconds()), MAX_AGE_SECONDS);
    }

    static String etag(long crlNumber) {
        return "\"crl-" + crlNumber + "\"";
    }
}
