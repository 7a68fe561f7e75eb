package dev.inkan.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /actuator/prometheus}: a stateless bearer chain that takes the admin token or, so that Prometheus need not
 * hold the admin token, the scrape-only {@code INKAN_METRICS_TOKEN} ({@code inkan.metrics-token}), which opens nothing else.
 */
@Configuration(proxyBeanMethods = false)
class MetricsSecurityConfiguration {

    static final String SCRAPE_PATH = "/actuator/prometheus";

    @Bean
    @Order(0)
    SecurityFilterChain metricsSecurity(HttpSecurity http, AdminCredentials credentials,
                                        @Value("${inkan.metrics-token:}") String metricsToken) throws Exception {
        http.securityMatcher(SCRAPE_PATH)
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAnyRole("ADMIN", "METRICS"))
                .addFilterBefore(new ScrapeTokenFilter(credentials, metricsToken), AuthorizationFilter.class);
        return SecurityConfiguration.statelessBearerChain(http, credentials);
    }

    /** Bearer (RFC 6750): the admin token gives ROLE_ADMIN, the metrics token ROLE_METRICS. */
    static final class ScrapeTokenFilter extends OncePerRequestFilter {

        private final AdminCredentials credentials;
        private final byte[] metricsDigest;

        ScrapeTokenFilter(AdminCredentials credentials, String metricsToken) {
            this.credentials = credentials;
            this.metricsDigest = metricsToken == null || metricsToken.isBlank() ? null : sha256(metricsToken.strip());
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader("Authorization");
            if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                String token = header.substring(7).strip();
                String role = credentials.tokenMatches(token) ? "ROLE_ADMIN"
                        : metricsDigest != null && MessageDigest.isEqual(metricsDigest, sha256(token)) ? "ROLE_METRICS" : null;
                if (role != null) {
                    var context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
                    context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                            role.equals("ROLE_ADMIN") ? BearerTokenFilter.PRINCIPAL : "metrics-token", null,
                            List.of(new SimpleGrantedAuthority(role))));
                    SecurityContextHolder.getContextHolderStrategy().setContext(context);
                } else {
                    request.setAttribute(BearerTokenFilter.INVALID, Boolean.TRUE);
                }
            } else if (header != null) {
                request.setAttribute(BearerTokenFilter.INVALID, Boolean.TRUE);
            }
            chain.doFilter(request, response);
        }

        private static byte[] sha256(String text) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
