package dev.inkan.web.acme;

import dev.inkan.acme.AcmeError;
import dev.inkan.acme.AcmeProblem;
import dev.inkan.engine.NotFoundException;
import dev.inkan.engine.RequestRejectedException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every error of the ACME endpoints as an ACME problem (RFC 8555 §6.7) with a fresh nonce. */
@RestControllerAdvice(assignableTypes = AcmeController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AcmeProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(AcmeProblemAdvice.class);
    private final AcmeExchange exchange;

    AcmeProblemAdvice(AcmeExchange exchange) {
        this.exchange = exchange;
    }

    @ExceptionHandler(AcmeProblem.class)
    ResponseEntity<Object> problem(AcmeProblem e, HttpServletRequest request) {
        return exchange.problem(request, e);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e, HttpServletRequest request) {
        return exchange.problem(request, new AcmeProblem(AcmeError.MALFORMED, 404, e.getMessage()));
    }

    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> rejected(RequestRejectedException e, HttpServletRequest request) {
        return exchange.problem(request, new AcmeProblem(AcmeError.MALFORMED, e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        log.error("unexpected error on ACME {} {}", request.getMethod(), request.getRequestURI(), e);
        return exchange.problem(request, new AcmeProblem(AcmeError.SERVER_INTERNAL, "an unexpected error occurred; the server log has the details"));
    }
}
