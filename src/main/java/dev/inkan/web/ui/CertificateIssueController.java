package dev.inkan.web.ui;

import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.engine.CertificateProfile;
import dev.inkan.issuance.IssuanceService;
import dev.inkan.issuance.IssuanceRequest;
import dev.inkan.issuance.IssuedCertificate;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The issue form: the service generates the key and signs; success shows the new certificate. */
@Controller
record CertificateIssueController(IssuanceService certificates, CertificateAuthorityService authorities) {

    static final String ISSUE_FORM = "certificates/issueForm";
    /** API field -> form field: the form has one box for both kinds of name. */
    private static final Map<String, String> FORM_FIELDS = Map.of("dnsNames", "names", "ipAddresses", "names");

    @GetMapping("/certificates/new")
    String initIssueForm(Model model) {
        model.addAttribute("issueForm", withDefaultCa(new IssueForm(), authorities));
        return issueForm(model);
    }

    @PostMapping("/certificates/new")
    String processIssueForm(@ModelAttribute("issueForm") IssueForm form, BindingResult binding, Model model,
                            Principal user, RedirectAttributes redirect) {
        return RejectedFields.submit(binding, FORM_FIELDS, () -> {
            IssuedCertificate issued = certificates.issue(new IssuanceRequest(form.commonName, form.dnsNames(),
                    form.ipAddresses(), form.profile, form.keyType, form.validityDays, form.caId), user.getName());
            return showIssued(issued, "Issued " + issued.commonName() + ". Download the files below.", redirect);
        }, () -> issueForm(model));
    }

    private String issueForm(Model model) {
        model.addAttribute("cas", caOptions(authorities));
        model.addAttribute("profiles", profiles());
        model.addAttribute("keyTypes", CaPageController.keyTypes(true));
        return ISSUE_FORM;
    }

    /** The form with the default CA chosen, when there is any CA. */
    static <F extends SigningForm> F withDefaultCa(F form, CertificateAuthorityService authorities) {
        if (!authorities.list().isEmpty()) {
            form.caId = authorities.defaultAuthority().id();
        }
        return form;
    }

    /** After issuing from a form: the new certificate's page, with what was done and the policy's warnings (flash). */
    static String showIssued(IssuedCertificate issued, String message, RedirectAttributes redirect) {
        redirect.addFlashAttribute("message", message);
        redirect.addFlashAttribute("warnings", issued.warnings());
        return "redirect:/certificates/" + issued.id();
    }

    static List<Option> caOptions(CertificateAuthorityService authorities) {
        return authorities.list().stream()
                .map(ca -> new Option(String.valueOf(ca.id()), ca.name() + (ca.defaultAuthority() ? " (default)" : "")))
                .toList();
    }

    static List<Option> profiles() {
        return Arrays.stream(CertificateProfile.values()).map(p -> new Option(p.id(), switch (p) {
            case SERVER -> "TLS server";
            case CLIENT -> "TLS client (mTLS)";
            case SERVER_CLIENT -> "Server and client";
        })).toList();
    }
}
