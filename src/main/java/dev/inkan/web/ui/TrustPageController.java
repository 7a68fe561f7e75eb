package dev.inkan.web.ui;

import dev.inkan.authority.CertificateAuthority;
import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.config.PublicEndpoints;
import dev.inkan.export.RootOfTrust;
import dev.inkan.export.TrustRecipes;
import dev.inkan.export.TrustInstallers;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** "Trust this CA": fingerprint, name constraints and the commands for every trust store. */
@Controller
record TrustPageController(CertificateAuthorityService authorities, TrustInstallers installers, PublicEndpoints endpoints) {

    @GetMapping("/cas/{id}/trust")
    String showTrustPage(@PathVariable long id, Model model) {
        CertificateAuthority ca = authorities.get(id);
        // The host the browser used to reach Inkan is the one other machines on its network can use; the CA
        // and the scripts are fetched over plain HTTP, before anything trusts Inkan's HTTPS certificate.
        String baseUrl = endpoints.httpBaseFor(ServletUriComponentsBuilder.fromCurrentContextPath().build().getHost());
        model.addAttribute("ca", ca);
        model.addAttribute("trust", TrustRecipes.of(ca.name(), ca.defaultAuthority() ? baseUrl + "/ca.pem" : null, baseUrl));
        model.addAttribute("oneLiners", ca.defaultAuthority()
                ? TrustRecipes.oneLiners(installers, RootOfTrust.fromPem(ca.certificatePem()), baseUrl) : List.of());
        return "cas/trustPage";
    }
}
