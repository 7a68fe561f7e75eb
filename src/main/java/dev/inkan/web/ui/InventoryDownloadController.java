package dev.inkan.web.ui;

import dev.inkan.issuance.CertificateQuery;
import dev.inkan.operations.InventoryExport;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The certificate list's download buttons: the list's filters, every match, as CSV or JSON, through the session. */
@Controller
record InventoryDownloadController(InventoryExport export) {

    @GetMapping("/certificates/export")
    void download(@RequestParam(required = false) String format, @RequestParam(required = false) String q,
                                                   @RequestParam(required = false) String status, @RequestParam(required = false) Long ca,
                                                   @RequestParam(required = false) String sort, HttpServletResponse response)
            throws IOException {
        InventoryExport.Format chosen = InventoryExport.Format.of(format);
        InventoryExport.Prepared prepared = export.prepare(new CertificateQuery(q, status == null || status.isBlank() ? null : status,
                ca, null, null, null, sort), chosen);
        response.setContentType(chosen.contentType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(chosen.fileName()).build().toString());
        prepared.writeTo(response.getOutputStream());
    }
}
