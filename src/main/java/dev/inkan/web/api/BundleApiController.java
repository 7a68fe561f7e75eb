package dev.inkan.web.api;

import dev.inkan.config.PublicEndpoints;
import dev.inkan.export.BundleExport;
import dev.inkan.export.BundleOptions;
import dev.inkan.issuance.CertificateRecords;
import dev.inkan.issuance.Pkcs12Request;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code GET /api/v1/certificates/{id}/bundle.zip}: every file of the nginx-ready bundle. The
 * password of {@code cert.p12} comes in the {@code X-Inkan-P12-Password} request header (never in
 * the URL, which logs and browser histories keep); without one, a random password is made and
 * returned in that same response header.
 */
@RestController
record BundleApiController(CertificateRecords records, BundleExport bundles, PublicEndpoints endpoints) {

    static final String PASSWORD_HEADER = "X-Inkan-P12-Password";

    @GetMapping(path = "/api/v1/certificates/{id}/bundle.zip", produces = "application/zip")
    ResponseEntity<byte[]> bundle(@PathVariable long id, @RequestHeader(name = PASSWORD_HEADER, required = false) String password,
                                  @RequestParam(required = false) String encryption, @RequestParam(required = false) String namespace,
                                  @RequestParam(required = false) String secretName, @RequestParam(defaultValue = "true") boolean secretCa) {
        boolean generated = password == null || password.isEmpty();
        String chosen = generated ? new String(BundleOptions.generatedPassword()) : password;
        var p12 = new Pkcs12Request(chosen, encryption).validate();
        BundleOptions options = BundleOptions.defaults(chosen.toCharArray()).withEncryption(p12)
                .withSecret(secretName, namespace, secretCa)
                .withInstallBaseUrl(endpoints.httpBaseFor(ServletUriComponentsBuilder.fromCurrentContextPath().build().getHost()));
        byte[] zip = bundles.zip(records.bundle(id), options);
        var response = ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"certificate-" + id + "-bundle.zip\"");
        if (generated) {
            response.header(PASSWORD_HEADER, chosen);
        }
        return response.body(zip);
    }
}
