package dev.inkan.web.ui;

import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.config.PublicEndpoints;
import dev.inkan.export.RootOfTrust;
import dev.inkan.export.TrustRecipes;
import dev.inkan.export.TrustInstallers;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The page plain HTTP shows at {@code /} (and anyone at {@code /bootstrap}): the default CA's SHA-256
 * fingerprint, how to check it and trust it, with pinned install commands, and the HTTPS address.
 */
@Controller
record BootstrapPageController(CertificateAuthorityService authorities, TrustInstallers installers,
                               PublicEndpoints endpoints) {

    @GetMapping("/bootstrap")
    String showBootstrapPage(Model model) {
        String host = ServletUriComponentsBuilder.fromCurrentContextPath().build().getHost();
        String httpBase = endpoints.httpBaseFor(host);
        String httpsBase = endpoints.configuredHttpsBase() != null || !endpoints.tlsEnabled() ? endpoints.httpsBase()
                : "https://" + (host != null && host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + endpoints.httpsPort();
        RootOfTrust ca = RootOfTrust.fromPem(authorities.defaultAuthority().certificatePem());
        model.addAttribute("caName", ca.name());
        model.addAttribute("sha256", ca.sha256Colons());
        model.addAttribute("constraints", ca.constraintsDescription());
        model.addAttribute("httpsBase", httpsBase);
        model.addAttribute("fetch", "curl -fsSL -o inkan-ca.pem " + httpBase + "/ca.pem && openssl x509 -in inkan-ca.pem -noout -fingerprint -sha256");
        model.addAttribute("check", "curl --cacert inkan-ca.pem " + httpsBase + "/actuator/health");
        model.addAttribute("oneLiners", TrustRecipes.oneLiners(installers, ca, httpBase));
        return "bootstrap/bootstrapPage";
    }
}
