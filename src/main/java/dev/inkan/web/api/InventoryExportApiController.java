package dev.inkan.web.api;

import dev.inkan.issuance.CertificateQuery;
import dev.inkan.operations.InventoryExport;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/certificates/export?format=csv|json}: the search's filters, every match, streamed. */
@RestController
record InventoryExportApiController(InventoryExport export) {

    @GetMapping("/api/v1/certificates/export")
    void export(@RequestParam(required = false) String format, @RequestParam(required = false) String q,
                                                 @RequestParam(required = false) String status, @RequestParam(required = false) Long caId,
                                                 @RequestParam(required = false) Integer expiringWithinDays,
                                                 @RequestParam(required = false) String sort, HttpServletResponse response)
            throws IOException {
        stream(export, format, new CertificateQuery(q, status, caId, expiringWithinDays, null, null, sort), response);
    }

    /**
     * Checks the filters (a 400 problem+json before any byte), then writes rows to the response as they are read: no
     * Content-Length, chunked. Written on the request thread, not as an async StreamingResponseBody, so the stateless
     * bearer chain is not asked again on an async dispatch.
     */
    static void stream(InventoryExport export, String format, CertificateQuery query, HttpServletResponse response) throws IOException {
        InventoryExport.Format chosen = InventoryExport.Format.of(format);
        InventoryExport.Prepared prepared = export.prepare(query, chosen);
        response.setContentType(chosen.contentType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(chosen.fileName()).build().toString());
        prepared.writeTo(response.getOutputStream());
    }
}
