package dev.inkan.web.api;

import dev.inkan.engine.InvalidInputException;
import dev.inkan.operations.AuditQuery;
import dev.inkan.operations.AuditRecords;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/audit}: who did what, when; filtered, paged, or every match as JSON lines ({@code format=jsonl}). */
@RestController
record AuditApiController(AuditRecords audit) {

    static final String JSON_LINES = "application/x-ndjson";

    @GetMapping("/api/v1/audit")
    ResponseEntity<AuditRecords.Page> search(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                @RequestParam(required = false) Long caId, @RequestParam(required = false) String from,
                @RequestParam(required = false) String to, @RequestParam(required = false) Integer page,
                @RequestParam(required = false) Integer size, @RequestParam(required = false) String format,
                HttpServletResponse response) throws IOException {
        AuditQuery query = new AuditQuery(actor, action, caId, from, to, page, size);
        if (format == null || format.isBlank() || format.equals("json")) {
            return ResponseEntity.ok(audit.search(query));
        } else if (format.equals("jsonl")) {
            jsonLines(audit, query, response);
            return null;
        } else {
            throw new InvalidInputException("format", "format is json (a page, the default) or jsonl (every match, one event per line)");
        }
    }

    /** Every matching event, one JSON object per line, streamed; the UI's session route uses it too. */
    static void jsonLines(AuditRecords audit, AuditQuery query, HttpServletResponse response) throws IOException {
        var prepared = audit.jsonLines(query);
        response.setContentType(JSON_LINES);
        response.setCharacterEncoding("UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("audit.jsonl").build().toString());
        prepared.writeTo(response.getOutputStream());
    }
}
