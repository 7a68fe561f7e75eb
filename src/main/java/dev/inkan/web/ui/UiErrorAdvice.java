package dev.inkan.web.ui;

import dev.inkan.engine.ConflictException;
import dev.inkan.engine.NotFoundException;
import dev.inkan.engine.PolicyViolationException;
import dev.inkan.engine.RequestRejectedException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Turns the services' refusals into pages in the UI's layout, for the UI's controllers only (the
 * API maps the same exceptions to problem+json). Ordered first so that a global API advice does
 * not answer a browser with JSON.
 */
@ControllerAdvice(basePackageClasses = UiErrorAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class UiErrorAdvice {

    /**
     * The UI's forms are bound to their fields, which they declare public with their defaults, instead of
     * through getters and setters ({@code DataBinder.initDirectFieldAccess}); what a form may receive is
     * exactly the fields it declares.
     */
    @InitBinder
    void bindFormFields(WebDataBinder binder) {
        binder.initDirectFieldAccess();
    }

    @ExceptionHandler(NotFoundException.class)
    String notFound(NotFoundException e, Model model, HttpServletResponse response) {
        response.setStatus(404);
        model.addAttribute("notFound", e.getMessage());
        return "error/404";
    }

    @ExceptionHandler(ConflictException.class)
    String conflict(ConflictException e, Model model, HttpServletResponse response) {
        return page(409, "Conflict", e.getMessage(), model, response);
    }

    @ExceptionHandler(RequestRejectedException.class)
    String rejected(RequestRejectedException e, Model model, HttpServletResponse response) {
        return page(e instanceof PolicyViolationException ? 422 : 400, "Refused", e.getMessage(), model, response);
    }

    private static String page(int status, String title, String message, Model model, HttpServletResponse response) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("title", title);
        model.addAttribute("error", message);
        return "error";
    }
}
