package dev.inkan.web.api;

import dev.inkan.web.FieldNames;
import dev.inkan.engine.ConflictException;
import dev.inkan.engine.NotFoundException;
import dev.inkan.engine.InvalidInputException;
import dev.inkan.engine.PolicyViolationException;
import dev.inkan.engine.RequestRejectedException;
import dev.inkan.config.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Every error under {@code /api} as RFC 9457 {@code application/problem+json}, with an
 * {@code errors: [{field, message}]} list naming the input at fault: 400 malformed, 404 unknown,
 * 409 conflict, 413 too large, 415 wrong media type, 422 refused by policy. Errors of other paths
 * (the web UI) are left to the UI's own handling: the handlers rethrow them, and Spring MVC's own
 * errors become the servlet error pages there, as Spring's DefaultHandlerExceptionResolver would send them.
 */
@RestControllerAdvice
class ApiProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemAdvice.class);

    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> rejected(RequestRejectedException e, HttpServletRequest request) throws Exception {
        requireApi(request, e);
        HttpStatus status = e instanceof NotFoundException ? HttpStatus.NOT_FOUND
                : e instanceof ConflictException ? HttpStatus.CONFLICT
                : e instanceof PolicyViolationException ? HttpStatus.UNPROCESSABLE_CONTENT
                : HttpStatus.BAD_REQUEST;
        return problem(status, e.getMessage(), e.field(FieldNames::of), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) throws Exception {
        requireApi(request, e);
        String type = e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        return problem(HttpStatus.BAD_REQUEST, "'" + e.getName() + "' must be a " + (type.equals("long") || type.equals("integer")
                ? "whole number" : type) + "; '" + RequestRejectedException.abbreviate(String.valueOf(e.getValue()), 120) + "' is not", e.getName(), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) throws Exception {
        requireApi(request, e);
        log.error("unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "an unexpected error occurred; the server log has the details", null, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        HttpServletRequest servlet = ((ServletWebRequest) request).getRequest();
        if (RequestBodyLimit.exceeded(e)) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, RequestBodyLimit.tooLarge(RequestBodyLimit.limit(servlet)), "body", servlet);
        }
        if (e.getCause() instanceof JacksonException json && !json.getPath().isEmpty()
                && (!(json instanceof tools.jackson.core.exc.StreamReadException)
                    || json instanceof tools.jackson.core.exc.InputCoercionException)) {
            String field = json.getPath().stream().map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String message = json instanceof tools.jackson.databind.exc.UnrecognizedPropertyException
                    ? "unknown field '" + field + "'; check its spelling against the API documentation (/swagger-ui.html)"
                    : "'" + field + "' has the wrong type: " + firstLine(json.getOriginalMessage());
            return problem(HttpStatus.BAD_REQUEST, message, field, servlet);
        }
        String detail = e.getCause() instanceof JacksonException json
                ? "the request body is not valid JSON: " + firstLine(json.getOriginalMessage())
                : "the request body is missing or unreadable; send a JSON object";
        return problem(HttpStatus.BAD_REQUEST, detail, "body", servlet);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers, HttpStatusCode status,
                                                             WebRequest request) {
        HttpServletRequest servlet = ((ServletWebRequest) request).getRequest();
        if (!isApi(servlet)) {
            // the UI's error pages: send the status as the servlet container's error (what DefaultHandlerExceptionResolver does)
            HttpServletResponse response = ((ServletWebRequest) request).getResponse();
            headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
            try {
                response.sendError(status.value());
            } catch (java.io.IOException io) {
                throw new java.io.UncheckedIOException(io);
            }
            return null;
        }
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail detail) {
            detail.setInstance(java.net.URI.create(servlet.getRequestURI()));
            return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(detail);
        }
        return response;
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String message, String field, HttpServletRequest request) {
        return ProblemResponses.entity(status, message, field, request);
    }

    private static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.equals("/ca.pem") || path.startsWith("/crl/");
    }

    /** Rethrows {@code e} for the UI's advice and error pages unless the request is the API's. */
    private static void requireApi(HttpServletRequest request, Exception e) throws Exception {
        if (!isApi(request)) {
            throw e;
        }
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message;
        int newline = text.indexOf('\n');
        return RequestRejectedException.abbreviate(newline < 0 ? text : text.substring(0, newline), 120);
    }
}
