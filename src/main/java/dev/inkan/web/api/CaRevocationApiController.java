package dev.inkan.web.api;

import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.issuance.RevocationRequest;
import dev.inkan.revocation.CaRevocationService;
import dev.inkan.revocation.CrlInfo;
import dev.inkan.revocation.CrlPublisher;
import dev.inkan.revocation.PublicationUrls;
import dev.inkan.revocation.UrlSwitches;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/cas/{id}/...} for revocation: the latest CRL's metadata, a CRL issued now, the
 * revocation of an intermediate CA, and the per-CA switches for the URLs in new certificates.
 */
@RestController
@RequestMapping("/api/v1/cas/{id}")
record CaRevocationApiController(CrlPublisher crls, CaRevocationService caRevocations, PublicationUrls urls,
                                 CertificateAuthorityService authorities) {

    @GetMapping("/crl")
    CrlInfo crl(@PathVariable long id) {
        return crls.info(id);
    }

    /** Issues a new CRL now (the timer and every revocation do so anyway). */
    @PostMapping("/crl")
    CrlInfo publishCrl(@PathVariable long id) {
        authorities.get(id);
        return crls.publish(id);
    }

    @PostMapping(path = "/revoke", consumes = MediaType.APPLICATION_JSON_VALUE)
    dev.inkan.authority.CaRevocation revoke(@PathVariable long id, @RequestBody RevocationRequest request, Authentication user) {
        return caRevocations.revoke(id, request, user.getName());
    }

    @GetMapping("/revocation-urls")
    UrlSwitches switches(@PathVariable long id) {
        authorities.get(id);
        return urls.switches(id);
    }

    /** {@code {"crlUrl": true, "aia": false}}: which URLs the certificates this CA signs from now on carry. */
    @PutMapping(path = "/revocation-urls", consumes = MediaType.APPLICATION_JSON_VALUE)
    UrlSwitches configure(@PathVariable long id, @RequestBody UrlSwitches switches) {
        authorities.get(id);
        return urls.configure(id, switches);
    }
}
