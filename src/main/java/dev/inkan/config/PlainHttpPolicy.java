package dev.inkan.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import java.io.IOException;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What plain HTTP may do while TLS is on: only what must work before the CA is trusted — the CA
 * ({@code /ca.pem}), the install scripts, CRLs and OCSP (RFC 5280 §4.2.1.13 and RFC 6960 Appendix A
 * expect plain HTTP), health, and the bootstrap page at {@code /} with the CA's fingerprint. Every
 * other page and API call is redirected to HTTPS (308 for the API so that the method is kept,
 * RFC 9110 §15.4.9). A request that carries a credential (an {@code Authorization} header, or a
 * password posted to {@code /login}) is refused before the credential is looked at: it has already
 * crossed the network in clear.
 */
class PlainHttpPolicy extends OncePerRequestFilter {

    /** Paths plain HTTP serves; prefixes end in '/'. */
    static final List<String> OPEN = List.of("/ca.pem", "/install", "/install/", "/crl/", "/ocsp/", "/actuator/health",
            "/actuator/health/", "/bootstrap", "/css/", "/js/", "/images/", "/favicon.ico");
    static final String BOOTSTRAP = "/bootstrap";

    private final PublicEndpoints endpoints;

    PlainHttpPolicy(PublicEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!endpoints.tlsEnabled() || request.isSecure()) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String https = httpsUrl(request, path);
        if (request.getHeader("Authorization") != null || SecurityConfiguration.postsPassword(request)) {
            ProblemResponses.write(response, HttpStatus.FORBIDDEN, "credentials are never accepted over plain HTTP"
                    + " (this one was not checked, but it has crossed the network in clear: change it if the network is not yours);"
                    + " send the request to " + https + " and trust the CA first, see " + endpoints.httpBase() + "/", null, request);
            return;
        }
        if ("/".equals(path) && ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))) {
            request.getRequestDispatcher(BOOTSTRAP).forward(request, response);
            return;
        }
        if (isOpen(path)) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(path.startsWith("/api/") ? 308 : 302);
        response.setHeader("Location", https);
    }

    static boolean isOpen(String path) {
        return OPEN.stream().anyMatch(open -> open.endsWith("/") ? path.startsWith(open) : path.equals(open));
    }

    /** The same resource over HTTPS, on the host name the client used (or at INKAN_PUBLIC_HTTPS_URL). */
    private String httpsUrl(HttpServletRequest request, String path) {
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        String base = endpoints.configuredHttpsBase();
        if (base == null) {
            String host = request.getServerName();
            base = "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + endpoints.httpsPort();
        }
        return base + request.getContextPath() + path + query;
    }
}
