package dev.inkan.web.ui;

import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.issuance.IssuanceService;
import dev.inkan.issuance.CsrIssuanceRequest;
import dev.inkan.issuance.IssuedCertificate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Signing a CSR in two steps: the first submission shows what will be signed (the service's
 * preview), the second, carrying the same CSR text, signs it.
 */
@Controller
record CsrSigningController(IssuanceService certificates, CertificateAuthorityService authorities) {

    static final String CSR_FORM = "certificates/csrForm";
    private static final Map<String, String> FORM_FIELDS = Map.of();

    @GetMapping("/certificates/csr")
    String initCsrForm(Model model) {
        model.addAttribute("csrForm", CertificateIssueController.withDefaultCa(new CsrForm(), authorities));
        return csrForm(model);
    }

    @PostMapping("/certificates/csr")
    String processCsrForm(@ModelAttribute("csrForm") CsrForm form, BindingResult binding,
                          @RequestParam(name = "file", required = false) MultipartFile file,
                          Model model, Principal user, RedirectAttributes redirect) throws IOException {
        if (file != null && !file.isEmpty() && form.csr.isBlank()) {
            // Only the first bytes matter: the service refuses a CSR over its size limit with a message.
            form.csr = new String(file.getInputStream().readNBytes(256 * 1024), StandardCharsets.UTF_8);
        }
        return RejectedFields.submit(binding, FORM_FIELDS, () -> {
            CsrIssuanceRequest request = new CsrIssuanceRequest(form.csr, form.profile, form.validityDays, form.caId);
            if (!form.confirmsPreview()) {
                model.addAttribute("preview", certificates.previewCsr(request));
                return csrForm(model);
            }
            IssuedCertificate issued = certificates.signCsr(request, user.getName());
            return CertificateIssueController.showIssued(issued, "Signed the request for " + issued.commonName() + ".", redirect);
        }, () -> csrForm(model));
    }

    private String csrForm(Model model) {
        model.addAttribute("cas", CertificateIssueController.caOptions(authorities));
        model.addAttribute("profiles", CertificateIssueController.profiles());
        return CSR_FORM;
    }
}
