package dev.inkan.config;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
        write(response, request, 401, "Unauthorized", (invalid ? "the bearer token is not valid" : "this endpoint needs a bearer token")
                + "; send 'Authorization: Bearer <token>' with the admin token from INKAN_ADMIN_TOKEN or the file "
                + credentials.tokenFile());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        write(response, request, 403, "Forbidden", "this credential may not do that; use the admin token");
    }

    static void write(HttpServletResponse response, HttpServletRequest request, int status, String title, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        String body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                + escape(detail) + "\",\"instance\":\"" + escape(request.getRequestURI()) + "\"}";
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
