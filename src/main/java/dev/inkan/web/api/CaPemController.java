package dev.inkan.web.api;

import dev.inkan.authority.CertificateAuthorityService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /ca.pem}, public: the default CA's certificate, what clients install to trust Inkan. */
@RestController
record CaPemController(CertificateAuthorityService authorities) {

    @GetMapping("/ca.pem")
    ResponseEntity<String> caPem() {
        return CaApiController.pem(authorities.defaultAuthority().certificatePem(), "ca.pem");
    }
}
