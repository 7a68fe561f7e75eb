package dev.inkan.web.ui;

import dev.inkan.web.FieldNames;
import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.revocation.RevocationStatusView;
import dev.inkan.engine.Pkcs12;
import dev.inkan.engine.RequestRejectedException;
import dev.inkan.config.PublicEndpoints;
import dev.inkan.engine.InvalidInputException;
import dev.inkan.engine.PolicyViolationException;
import dev.inkan.export.BundleExport;
import dev.inkan.export.BundleOptions;
import dev.inkan.issuance.CertificateDetails;
import dev.inkan.issuance.CertificateQuery;
import dev.inkan.issuance.CertificateRecords;
import dev.inkan.issuance.CertificateRevocation;
import dev.inkan.issuance.CertificateStatus;
import dev.inkan.issuance.PemFile;
import dev.inkan.issuance.Pkcs12Request;
import dev.inkan.issuance.RevocationReason;
import dev.inkan.issuance.RevocationRequest;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The certificate list and one certificate's page: decoded fields, downloads through the session
 * (browsers do not carry the API's bearer token), revocation after a confirmation page, key deletion.
 */
@Controller
record CertificatePageController(CertificateRecords certificates, CertificateRevocation revocation,
                                 CertificateAuthorityService authorities, BundleExport bundles,
                                 PublicEndpoints endpoints, RevocationStatusView revocationStatus) {

    static final int PAGE_SIZE = 20;

    /** What the list's filter form holds, as typed (strings, so the form shows them back unchanged). */
    record ListFilter(String q, String status, String ca, String sort) {
    }

    /** The revocation form: one RFC 5280 reason. */
    static class RevokeForm {
        public String reason = RevocationReason.SUPERSEDED.id();
    }

    @GetMapping("/certificates")
    String listCertificates(@RequestParam(required = false) String q, @RequestParam(required = false) String status,
                            @RequestParam(required = false) Long ca, @RequestParam(defaultValue = "expiry") String sort,
                            @RequestParam(defaultValue = "1") int page, Model model) {
        ListFilter filter = new ListFilter(q, status == null || status.isBlank() ? null : status,
                ca == null ? null : String.valueOf(ca), sort);
        model.addAttribute("query", filter);
        model.addAttribute("page", certificates.search(new CertificateQuery(q, filter.status(), ca, null,
                Math.max(page, 1) - 1, PAGE_SIZE, sort)));
        model.addAttribute("statuses", Arrays.stream(CertificateStatus.values())
                .map(s -> new Option(s.id(), s == CertificateStatus.EXPIRING ? "expiring (30 days)" : s.id())).toList());
        model.addAttribute("cas", CertificateIssueController.caOptions(authorities));
        model.addAttribute("caNames", caNames(authorities));
        return "certificates/certificateList";
    }

    @GetMapping("/certificates/{id}")
    String showCertificate(@PathVariable long id, Model model) {
        CertificateDetails cert = certificates.get(id);
        model.addAttribute("cert", cert);
        model.addAttribute("revocation", revocationStatus.of(cert.caId(), cert.certificatePem()));
        return "certificates/certificateDetails";
    }

    @GetMapping("/certificates/{id}/{file:cert\\.pem|chain\\.pem|fullchain\\.pem|key\\.pem}")
    ResponseEntity<String> downloadPem(@PathVariable long id, @PathVariable String file) {
        PemFile pem = PemFile.of(file);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/x-pem-file"))
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(certificates.get(id), pem.fileName()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(certificates.pem(id, pem));
    }

    @PostMapping("/certificates/{id}/pkcs12")
    Object downloadPkcs12(@PathVariable long id, @RequestParam(defaultValue = "") String password,
                          @RequestParam(required = false) String encryption, Model model) {
        return passwordProtectedDownload(id, model, "cert.p12", "application/x-pkcs12",
                () -> certificates.pkcs12(id, new Pkcs12Request(password, encryption)));
    }

    /** The nginx-ready bundle; the form's password protects the cert.p12 inside it. */
    @PostMapping("/certificates/{id}/bundle.zip")
    Object downloadBundle(@PathVariable long id, @RequestParam(defaultValue = "") String password,
                          @RequestParam(required = false) String encryption, Model model) {
        return passwordProtectedDownload(id, model, "bundle.zip", "application/zip", () -> {
            Pkcs12.Encryption p12Encryption = new Pkcs12Request(password, encryption).validate();
            BundleOptions options = BundleOptions.defaults(password.toCharArray()).withEncryption(p12Encryption)
                    .withInstallBaseUrl(endpoints.httpBaseFor(ServletUriComponentsBuilder.fromCurrentContextPath().build().getHost()));
            return bundles.zip(certificates.bundle(id), options);
        });
    }

    private Object passwordProtectedDownload(long id, Model model, String file, String mediaType, Supplier<byte[]> content) {
        CertificateDetails cert = certificates.get(id);
        try {
            byte[] body = content.get();
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(mediaType))
                    .header(HttpHeaders.CONTENT_DISPOSITION, attachment(cert, file))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .body(body);
        } catch (InvalidInputException | PolicyViolationException e) {
            // a bad password or encryption is shown on the page; an unknown certificate or a key not stored is an error page
            model.addAttribute("pkcs12Error", e.getMessage());
            model.addAttribute("cert", cert);
            return "certificates/certificateDetails";
        }
    }

    @GetMapping("/certificates/{id}/revoke")
    String initRevokeForm(@PathVariable long id, Model model) {
        model.addAttribute("revokeForm", new RevokeForm());
        return revokeForm(certificates.get(id), model);
    }

    @PostMapping("/certificates/{id}/revoke")
    String processRevokeForm(@PathVariable long id, @ModelAttribute("revokeForm") RevokeForm form, BindingResult binding,
                             Model model, Principal user, RedirectAttributes redirect) {
        try {
            revocation.revoke(id, new RevocationRequest(form.reason), user.getName());
            redirect.addFlashAttribute("message", "Revoked. Issue a replacement for the servers that used it.");
            return "redirect:/certificates/" + id;
        } catch (InvalidInputException e) {
            // an unknown reason goes next to the field; revoking twice (a conflict) is an error page
            RejectedFields.reject(binding, e.field(FieldNames::of), e.getMessage(), Map.of());
        }
        return revokeForm(certificates.get(id), model);
    }

    @PostMapping("/certificates/{id}/key/delete")
    String deleteKey(@PathVariable long id, Principal user, RedirectAttributes redirect) {
        certificates.deleteKey(id, user.getName());
        redirect.addFlashAttribute("message", "The private key is deleted; the certificate stays.");
        return "redirect:/certificates/" + id;
    }

    private String revokeForm(CertificateDetails cert, Model model) {
        model.addAttribute("revocation", revocationStatus.of(cert.caId(), cert.certificatePem()));
        model.addAttribute("cert", cert);
        model.addAttribute("reasons", Arrays.stream(RevocationReason.values())
                .map(r -> new Option(r.id(), r.id() + " (" + r.code() + ")")).toList());
        return "certificates/revokeForm";
    }

    static Map<Long, String> caNames(CertificateAuthorityService authorities) {
        return authorities.list().stream().collect(Collectors.toMap(ca -> ca.id(), ca -> ca.name()));
    }

    /** {@code app.test-cert.pem}: the CN keeps downloaded files of several certificates apart. */
    private static String attachment(CertificateDetails cert, String file) {
        String prefix = cert.commonName().replaceAll("[^A-Za-z0-9.-]", "_");
        return ContentDisposition.attachment().filename(prefix + "-" + file).build().toString();
    }

}
