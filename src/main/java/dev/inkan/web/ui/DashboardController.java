package dev.inkan.web.ui;

import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.issuance.CertificateRecords;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The dashboard: CAs, certificate counts by status, and the next certificates to expire. */
@Controller
record DashboardController(CertificateRecords certificates, CertificateAuthorityService authorities) {

    static final int NEXT_TO_EXPIRE = 5;

    @GetMapping("/")
    String showDashboard(Model model) {
        model.addAttribute("counts", certificates.counts(null));
        model.addAttribute("nextToExpire", certificates.expiringNext(NEXT_TO_EXPIRE));
        model.addAttribute("cas", authorities.list());
        model.addAttribute("caNames", CertificatePageController.caNames(authorities));
        return "dashboard/dashboard";
    }
}
