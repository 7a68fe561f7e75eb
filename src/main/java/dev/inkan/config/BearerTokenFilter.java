package dev.inkan.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} (RFC 6750) against the admin token. A missing or
 * wrong token leaves the request unauthenticated; the entry point then answers 401 problem+json. A
 * credential from an address inside a throttle window is not checked at all: 429 ({@link AuthenticationThrottle}).
 */
class BearerTokenFilter extends OncePerRequestFilter {

    /** The principal name API calls are audited under. */
    static final String PRINCIPAL = "api-token";
    static final String INVALID = BearerTokenFilter.class.getName() + ".invalid";
    private static final List<SimpleGrantedAuthority> ADMIN = List.of(new SimpleGrantedAuthority("ROLE_ADMIN"));

    private final AdminCredentials credentials;
    private final AuthenticationThrottle throttle;

    BearerTokenFilter(AdminCredentials credentials, AuthenticationThrottle throttle) {
        this.credentials = credentials;
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null) {
            long wait = throttle.retryAfterSeconds(request.getRemoteAddr());
            if (wait > 0) {
                AuthenticationThrottle.refuse(request, response, wait);
                return;
            }
        }
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            if (credentials.tokenMatches(header.substring(7).strip())) {
                throttle.succeeded(request.getRemoteAddr());
                var context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(PRINCIPAL, null, ADMIN));
                SecurityContextHolder.getContextHolderStrategy().setContext(context);
            } else {
                request.setAttribute(INVALID, Boolean.TRUE);
                throttle.failed(request, "wrong bearer token");
            }
        } else if (header != null) {
            request.setAttribute(INVALID, Boolean.TRUE);
            throttle.failed(request, "an Authorization header that is not a bearer token");
        }
        chain.doFilter(request, response);
    }
}
