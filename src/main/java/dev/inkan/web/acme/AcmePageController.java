package dev.inkan.web.acme;

import dev.inkan.acme.AcmeAccounts;
import dev.inkan.acme.AcmeDirectory;
import dev.inkan.acme.AcmeOrders;
import dev.inkan.acme.DirectorySettings;
import dev.inkan.acme.EabKeys;
import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.engine.RequestRejectedException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A CA's ACME page: directory URL, client commands, settings, accounts with their orders, EAB keys. */
@Controller
record AcmePageController(CertificateAuthorityService authorities, AcmeDirectory directory, AcmeAccounts accounts, AcmeOrders orders,
                          EabKeys eabKeys, AcmeExchange exchange) {

    @GetMapping("/cas/{id}/acme")
    String showAcme(@PathVariable long id, Model model, HttpServletRequest request) {
        DirectorySettings settings = directory.settings(id);
        String base = exchange.base(request);
        String directoryUrl = directory.urls(base, id).directory();
        Map<Long, Object> accountOrders = new LinkedHashMap<>();
        var list = accounts.list(id);
        list.forEach(a -> accountOrders.put(a.id(), orders.ordersOf(a.id())));
        model.addAttribute("ca", authorities.get(id));
        model.addAttribute("settings", settings);
        model.addAttribute("directoryUrl", directoryUrl);
        model.addAttribute("commands", AcmeClientCommands.of(directoryUrl, base + "/ca.pem", settings.eabRequired()));
        model.addAttribute("accounts", list);
        model.addAttribute("accountOrders", accountOrders);
        model.addAttribute("eabKeys", eabKeys.list(id));
        return "acme/acmePage";
    }

    @PostMapping("/cas/{id}/acme/settings")
    String updateSettings(@PathVariable long id, @RequestParam(defaultValue = "false") boolean enabled, @RequestParam int certificateDays,
                          @RequestParam(defaultValue = "false") boolean eabRequired, @RequestParam(defaultValue = "") String allowedIdentifiers,
                          RedirectAttributes redirect) {
        List<String> allowed = Arrays.stream(allowedIdentifiers.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
        try {
            directory.update(id, new DirectorySettings.Change(enabled, certificateDays, eabRequired, allowed));
            redirect.addFlashAttribute("message", "ACME settings saved.");
        } catch (RequestRejectedException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/cas/" + id + "/acme";
    }

    @PostMapping("/cas/{id}/acme/eab-keys")
    String createEabKey(@PathVariable long id, @RequestParam(defaultValue = "") String label, Model model, HttpServletRequest request) {
        try {
            // shown in this answer, not through a redirect's flash: sessions live in the database (Spring
            // Session JDBC), and the HMAC key must never be stored there unsealed
            model.addAttribute("createdKey", eabKeys.create(id, label));
        } catch (RequestRejectedException e) {
            model.addAttribute("error", e.getMessage());
        }
        return showAcme(id, model, request);
    }

    @PostMapping("/cas/{id}/acme/eab-keys/{kid}/revoke")
    String revokeEabKey(@PathVariable long id, @PathVariable String kid, RedirectAttributes redirect) {
        eabKeys.revoke(id, kid);
        redirect.addFlashAttribute("message", "EAB key " + kid + " revoked.");
        return "redirect:/cas/" + id + "/acme";
    }
}
