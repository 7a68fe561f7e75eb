package dev.inkan.config;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place an RFC 9457 {@code application/problem+json} answer is made: for the API's advice
 * (a {@link ResponseEntity}) and for servlet filters and security handlers that answer before any
 * controller runs (written straight to the response). Every problem carries the request path as
 * {@code instance} and, when one input is at fault, {@code errors: [{field, message}]}.
 */
public final class ProblemResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemResponses() {}

    /** The problem: status, its reason phrase as title, the message as detail; {@code field} may be null. */
    public static ProblemDetail problem(HttpStatus status, String message, String field, HttpServletRequest request) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(status, message);
        detail.setInstance(URI.create(request.getRequestURI()));
        if (field != null) {
            detail.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        }
        return detail;
    }

    /** The problem as a controller or advice answer. */
    public static ResponseEntity<Object> entity(HttpStatus status, String message, String field, HttpServletRequest request) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(status, message, field, request));
    }

    /** Writes the problem to {@code response} (filters, Spring Security's entry point and access-denied handler). */
    public static void write(HttpServletResponse response, HttpStatus status, String message, String field,
                             HttpServletRequest request) throws IOException {
        ProblemDetail detail = problem(status, message, field, request);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", String.valueOf(detail.getType()));
        body.put("title", detail.getTitle());
        body.put("status", detail.getStatus());
        body.put("detail", detail.getDetail());
        body.put("instance", String.valueOf(detail.getInstance()));
        if (detail.getProperties() != null) {
            body.putAll(detail.getProperties());
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), body);
    }
}
