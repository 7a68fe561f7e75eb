package dev.inkan.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/** The UI login form's side of {@link AuthenticationThrottle}: a password posted inside a window is answered 429, unchecked. */
class LoginThrottleFilter extends OncePerRequestFilter {

    private final AuthenticationThrottle throttle;

    LoginThrottleFilter(AuthenticationThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath())) {
            long wait = throttle.retryAfterSeconds(request.getRemoteAddr());
            if (wait > 0) {
                AuthenticationThrottle.refuse(request, response, wait);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
