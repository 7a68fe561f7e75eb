package dev.inkan.web.ui;

import dev.inkan.web.FieldNames;
import dev.inkan.authority.CertificateAuthority;
import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.authority.CreateCaRequest;
import dev.inkan.authority.ImportCaRequest;
import dev.inkan.engine.KeyType;
import dev.inkan.export.TrustRecipes;
import dev.inkan.revocation.CrlPublisher;
import dev.inkan.revocation.PublicationUrls;
import dev.inkan.revocation.UrlSwitches;
import dev.inkan.engine.RequestRejectedException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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

/** CA pages: list, create a root or intermediate, import, show one, download its certificate. */
@Controller
record CaPageController(CertificateAuthorityService authorities, CrlPublisher crls, PublicationUrls urls) {

    static final String CA_FORM = "cas/caForm";
    static final String IMPORT_FORM = "cas/importForm";
    private static final Map<String, String> CA_FIELDS = Map.of("organization", "name", "pathLength", "parentId");

    @GetMapping("/cas")
    String listCas(Model model) {
        model.addAttribute("cas", authorities.list());
        return "cas/caList";
    }

    @GetMapping("/cas/{id}")
    String showCa(@PathVariable long id, Model model) {
        model.addAttribute("ca", authorities.get(id));
        model.addAttribute("crl", crls.info(id));
        model.addAttribute("urlSwitches", urls.switches(id));
        return "cas/caDetails";
    }

    /** Which URLs the certificates this CA signs from now on carry (an unticked box is not sent: false). */
    @PostMapping("/cas/{id}/revocation-urls")
    String processUrlSwitchesForm(@PathVariable long id, @RequestParam(defaultValue = "false") boolean crlUrl,
                                  @RequestParam(defaultValue = "false") boolean aia, RedirectAttributes redirect) {
        authorities.get(id);
        UrlSwitches saved = urls.configure(id, new UrlSwitches(crlUrl, aia));
        redirect.addFlashAttribute("message", "Certificates this CA signs from now on carry " + (saved.crlUrl() ? "the CRL distribution point"
                : "no CRL distribution point") + " and " + (saved.aia() ? "the OCSP and CA certificate URLs (AIA)" : "no AIA")
                + "; certificates already issued keep theirs.");
        return "redirect:/cas/" + id;
    }

    /** Issues a new CRL now (every revocation and the daily timer do so anyway). */
    @PostMapping("/cas/{id}/crl")
    String processCrlForm(@PathVariable long id, RedirectAttributes redirect) {
        var crl = crls.publish(id);
        redirect.addFlashAttribute("message", "Issued CRL number " + crl.number() + " with " + crl.entries() + " entries.");
        return "redirect:/cas/" + id;
    }

    @GetMapping("/cas/{id}/certificate.pem")
    ResponseEntity<String> downloadCaCertificate(@PathVariable long id) {
        CertificateAuthority ca = authorities.get(id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/x-pem-file"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(TrustRecipes.of(ca.name(), null, "").caFile()).build().toString())
                .body(ca.certificatePem());
    }

    @GetMapping("/cas/new")
    String initCreateForm(Model model) {
        model.addAttribute("caForm", new CaForm());
        return caForm(model);
    }

    @PostMapping("/cas/new")
    String processCreateForm(@ModelAttribute("caForm") CaForm form, BindingResult binding, Model model,
                             Principal user, RedirectAttributes redirect) {
        return RejectedFields.submit(binding, CA_FIELDS, () -> {
            CertificateAuthority ca = authorities.create(new CreateCaRequest(form.name, null, form.keyType,
                    form.validityDays, form.parentId, IssueForm.entries(form.permittedDnsDomains),
                    IssueForm.entries(form.permittedIpRanges), null), user.getName());
            redirect.addFlashAttribute("message", "Created " + ca.name() + ". Next: install it where your clients run.");
            return "redirect:/cas/" + ca.id() + "/trust";
        }, () -> caForm(model));
    }

    @GetMapping("/cas/import")
    String initImportForm(Model model) {
        model.addAttribute("importForm", new ImportForm());
        return IMPORT_FORM;
    }

    @PostMapping("/cas/import")
    String processImportForm(@ModelAttribute("importForm") ImportForm form, BindingResult binding,
                             Principal user, RedirectAttributes redirect) {
        try {
            CertificateAuthority ca = authorities.importAuthority(new ImportCaRequest(blankToNull(form.name),
                    form.certificatePem, form.privateKeyPem, blankToNull(form.keyPassword)), user.getName());
            redirect.addFlashAttribute("message", "Imported " + ca.name() + ".");
            return "redirect:/cas/" + ca.id();
        } catch (RequestRejectedException e) {
            RejectedFields.reject(binding, e.field(FieldNames::of), e.getMessage(), Map.of("chainPem", "certificatePem", "caCertificate", "certificatePem"));
        }
        form.keyPassword = "";
        return IMPORT_FORM;
    }

    private String caForm(Model model) {
        List<Option> parents = new ArrayList<>();
        parents.add(new Option("", "Root (self-signed)"));
        authorities.list().forEach(ca -> parents.add(new Option(String.valueOf(ca.id()), "Intermediate under " + ca.name())));
        model.addAttribute("parents", parents);
        model.addAttribute("keyTypes", keyTypes(false));
        return CA_FORM;
    }

    /** Key types for a select box; Ed25519 only where browsers are not involved. */
    static List<Option> keyTypes(boolean withEd25519) {
        return Arrays.stream(KeyType.values()).filter(t -> withEd25519 || t.acceptedByBrowsers())
                .map(t -> new Option(t.id(), t.displayName() + (t.acceptedByBrowsers() ? "" : " (client certificates only)")))
                .toList();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
