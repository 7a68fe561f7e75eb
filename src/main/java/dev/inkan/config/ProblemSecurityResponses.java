package dev.inkan.config;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 of the API as RFC 9457 problem+json, 401 with {@code WWW-Authenticate: Bearer} (RFC 6750 §3). */
class ProblemSecurityResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final AdminCredentials credentials;

    ProblemSecurityResponses(AdminCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        boolean invalid = request.getAttribute(BearerTokenFilter.INVALID) != null;
        response.setHeader("WWW-Authenticate", invalid
                ? "Bearer realm=\"inkan\", error=\"invalid_token\", error_description=\"the token is not valid\""
                : "Bearer realm=\"inkan\"");
        ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, (invalid ? "the bearer token is not valid" : "this endpoint needs a bearer token")
                + "; send 'Authorization: Bearer <token>' with the admin token from INKAN_ADMIN_TOKEN or the file "
                + credentials.tokenFile(), null, request);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        ProblemResponses.write(response, HttpStatus.FORBIDDEN, "this credential may not do that; use the admin token", null, request);
    }
}
