package dev.inkan.web.ui;

import dev.inkan.authority.CertificateAuthority;
import dev.inkan.authority.CertificateAuthorityService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** "Trust this CA": fingerprint, name constraints and the commands for every trust store. */
@Controller
class TrustPageController {

    private final CertificateAuthorityService authorities;

    TrustPageController(CertificateAuthorityService authorities) {
        this.authorities = authorities;
    }

    @GetMapping("/cas/{id}/trust")
    String showTrustPage(@PathVariable long id, Model model) {
        CertificateAuthority ca = authorities.get(id);
        // The address the browser used to reach Inkan is the one other machines on its network can use.
        String baseUrl = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        model.addAttribute("ca", ca);
        model.addAttribute("trust", TrustInstructions.of(ca.name(), ca.defaultAuthority() ? baseUrl + "/ca.pem" : null, baseUrl));
        return "cas/trustPage";
    }
}
