package dev.inkan.web.api;

import dev.inkan.authority.CertificateAuthority;
import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.authority.CreateCaRequest;
import dev.inkan.authority.ImportCaRequest;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/cas}: list, create (root or intermediate), import, show, download a CA's certificate. */
@RestController
@RequestMapping("/api/v1/cas")
record CaApiController(CertificateAuthorityService authorities) {

    static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");

    @GetMapping
    List<CertificateAuthority> list() {
        return authorities.list();
    }

    /** A root CA, or an intermediate when {@code parentId} names its issuer. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CertificateAuthority> create(@RequestBody CreateCaRequest request, Authentication user) {
        CertificateAuthority ca = authorities.create(request, user.getName());
        return ResponseEntity.created(URI.create("/api/v1/cas/" + ca.id())).body(ca);
    }

    /** An existing CA: certificate (and its issuers) plus private key, PEM. */
    @PostMapping(path = "/import", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CertificateAuthority> importCa(@RequestBody ImportCaRequest request, Authentication user) {
        CertificateAuthority ca = authorities.importAuthority(request, user.getName());
        return ResponseEntity.created(URI.create("/api/v1/cas/" + ca.id())).body(ca);
    }

    @GetMapping("/{id}")
    CertificateAuthority show(@PathVariable long id) {
        return authorities.get(id);
    }

    @GetMapping("/{id}/certificate")
    ResponseEntity<String> certificate(@PathVariable long id) {
        return pem(authorities.get(id).certificatePem(), "ca-" + id + ".pem");
    }

    static ResponseEntity<String> pem(String pem, String fileName) {
        return ResponseEntity.ok().contentType(PEM)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"").body(pem);
    }
}
