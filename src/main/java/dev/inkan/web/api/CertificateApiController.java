package dev.inkan.web.api;

import dev.inkan.issuance.CertificateDetails;
import dev.inkan.issuance.CertificatePage;
import dev.inkan.issuance.CertificateQuery;
import dev.inkan.issuance.CertificateSummary;
import dev.inkan.issuance.CertificateRecords;
import dev.inkan.issuance.CertificateRevocation;
import dev.inkan.issuance.CsrIssuanceRequest;
import dev.inkan.issuance.IssuanceService;
import dev.inkan.issuance.IssuedCertificate;
import dev.inkan.issuance.IssuanceRequest;
import dev.inkan.issuance.PemFile;
import dev.inkan.issuance.Pkcs12Request;
import dev.inkan.issuance.RevocationRequest;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/certificates}: issue, sign a CSR, search, show, download, PKCS#12, revoke, delete the key. */
@RestController
@RequestMapping("/api/v1/certificates")
record CertificateApiController(IssuanceService issuance, CertificateRecords records, CertificateRevocation revocation) {

    static final String PKCS10 = "application/pkcs10";

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<IssuedCertificate> issue(@RequestBody IssuanceRequest request, Authentication user) {
        return created(issuance.issue(request, user.getName()));
    }

    @PostMapping(path = "/csr", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<IssuedCertificate> signCsr(@RequestBody CsrIssuanceRequest request, Authentication user) {
        return created(issuance.signCsr(request, user.getName()));
    }

    /** The CSR as the raw body ({@code curl --data-binary @app.csr -H 'Content-Type: application/pkcs10'}), PEM or DER. */
    @PostMapping(path = "/csr", consumes = PKCS10)
    ResponseEntity<IssuedCertificate> signRawCsr(@RequestBody byte[] body, @RequestParam(required = false) String profile,
                                                 @RequestParam(required = false) Integer validityDays,
                                                 @RequestParam(required = false) Long caId, Authentication user) {
        return created(issuance.signCsr(CsrIssuanceRequest.fromBody(body, profile, validityDays, caId), user.getName()));
    }

    @GetMapping
    CertificatePage search(@RequestParam(required = false) String q, @RequestParam(required = false) String status,
                           @RequestParam(required = false) Long caId, @RequestParam(required = false) Integer expiringWithinDays,
                           @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
                           @RequestParam(required = false) String sort) {
        return records.search(new CertificateQuery(q, status, caId, expiringWithinDays, page, size, sort));
    }

    @GetMapping("/{id}")
    CertificateDetails show(@PathVariable long id) {
        return records.get(id);
    }

    /** cert.pem, chain.pem, fullchain.pem or key.pem. */
    @GetMapping("/{id}/{file}")
    ResponseEntity<String> download(@PathVariable long id, @PathVariable String file) {
        PemFile pemFile = PemFile.of(file);
        return CaApiController.pem(records.pem(id, pemFile), pemFile.fileName());
    }

    @PostMapping(path = "/{id}/pkcs12", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> pkcs12(@PathVariable long id, @RequestBody Pkcs12Request request) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-pkcs12"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"certificate-" + id + ".p12\"")
                .body(records.pkcs12(id, request));
    }

    @PostMapping("/{id}/revoke")
    CertificateSummary revoke(@PathVariable long id, @RequestBody(required = false) RevocationRequest request, Authentication user) {
        return revocation.revoke(id, request == null ? new RevocationRequest(null) : request, user.getName());
    }

    @DeleteMapping("/{id}/key")
    ResponseEntity<Void> deleteKey(@PathVariable long id, Authentication user) {
        records.deleteKey(id, user.getName());
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<IssuedCertificate> created(IssuedCertificate certificate) {
        return ResponseEntity.created(URI.create("/api/v1/certificates/" + certificate.id())).body(certificate);
    }
}
