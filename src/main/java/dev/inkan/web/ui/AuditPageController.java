package dev.inkan.web.ui;

import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.operations.AuditQuery;
import dev.inkan.operations.AuditRecords;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit page: who did what, when, filtered by actor, action, CA and dates; the same as JSON lines through the session. */
@Controller
record AuditPageController(AuditRecords audit, CertificateAuthorityService authorities) {

    static final int PAGE_SIZE = 50;

    /** The filter form as typed, shown back unchanged. */
    record AuditFilter(String actor, String action, Long ca, String from, String to) {}

    @GetMapping("/audit")
    String showAudit(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                     @RequestParam(required = false) Long ca, @RequestParam(required = false) String from,
                     @RequestParam(required = false) String to, @RequestParam(defaultValue = "1") int page, Model model) {
        model.addAttribute("filter", new AuditFilter(actor, action, ca, from, to));
        model.addAttribute("result", audit.search(new AuditQuery(actor, action, ca, from, to, Math.max(page, 1) - 1, PAGE_SIZE)));
        model.addAttribute("actions", audit.actions().stream().map(id -> new Option(id, id)).toList());
        model.addAttribute("cas", CertificateIssueController.caOptions(authorities));
        model.addAttribute("caNames", CertificatePageController.caNames(authorities));
        return "audit/auditList";
    }

    @GetMapping("/audit/export.jsonl")
    void exportAudit(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                     @RequestParam(required = false) Long ca, @RequestParam(required = false) String from,
                     @RequestParam(required = false) String to, HttpServletResponse response) throws IOException {
        var prepared = audit.jsonLines(new AuditQuery(actor, action, ca, from, to, null, null));
        response.setContentType("application/x-ndjson");
        response.setCharacterEncoding("UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("audit.jsonl").build().toString());
        prepared.writeTo(response.getOutputStream());
    }
}
