package dev.inkan.config;

import dev.inkan.authority.AuditTrail;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * Two filter chains. {@code /api/**}: stateless, {@code Authorization: Bearer <admin token>}, no
 * session, no CSRF (no cookie is ever trusted there), 401/403 as problem+json. Everything else (the
 * web UI): form login at {@code /login} as user {@code admin}, session cookie, CSRF on every form.
 * Failed tokens and passwords are throttled ({@link AuthenticationThrottle}); HTTPS answers carry HSTS.
 * Public without login: {@code /login}, the bootstrap page, {@code /ca.pem}, {@code /install/**} (trust-store scripts),
 * {@code /crl/**} and {@code /ocsp/**} (revocation; OCSP POSTs need no CSRF token),
 * static assets, {@code /actuator/health}, the OpenAPI document and Swagger UI (they describe the API,
 * they grant nothing), and {@code /error}. The login page is the UI's own ({@code templates/login.html},
 * posting {@code username}, {@code password} and {@code _csrf} to {@code /login}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ThrottleSettings.class)
public class SecurityConfiguration {

    /** HSTS (RFC 6797) on HTTPS responses only; not for sub-domains, which may be other people's plain-HTTP services. */
    static final long HSTS_SECONDS = 365L * 24 * 3600;

    @Bean
    AuthenticationThrottle authenticationThrottle(ThrottleSettings settings, ObjectProvider<AuditTrail> audit, ObjectProvider<Clock> clock) {
        return new AuthenticationThrottle(settings, audit, clock.getIfAvailable(Clock::systemUTC));
    }

    /** Paths anyone may GET without logging in. */
    public static final String[] PUBLIC_PATHS = {"/login", "/bootstrap", "/ca.pem", "/install/**", "/css/**", "/js/**", "/images/**",
        "/webjars/**", "/favicon.ico", "/crl/**", "/ocsp", "/ocsp/**", "/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
        "/swagger-ui.html", "/swagger-ui/**", "/error"};

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, AdminCredentials credentials, AuthenticationThrottle throttle) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole("ADMIN"))
                .addFilterBefore(new BearerTokenFilter(credentials, throttle), AuthorizationFilter.class)
                .headers(headers -> headers.httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(false).maxAgeInSeconds(HSTS_SECONDS)));
        return statelessBearerChain(http, credentials);
    }

    /**
     * What every token-authenticated chain shares: no session, no CSRF (no cookie carries the credential), no
     * anonymous user, no login page, and refusals as problem+json (RFC 9457) instead of redirects.
     */
    static SecurityFilterChain statelessBearerChain(HttpSecurity http, AdminCredentials credentials) throws Exception {
        ProblemSecurityResponses problems = new ProblemSecurityResponses(credentials);
        http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain uiSecurity(HttpSecurity http, AuthenticationThrottle throttle) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers(PUBLIC_PATHS).permitAll().anyRequest().authenticated())
                .addFilterBefore(loginThrottle(throttle), UsernamePasswordAuthenticationFilter.class)
                .headers(headers -> headers.httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(false).maxAgeInSeconds(HSTS_SECONDS)))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
                // OCSP requests are POSTed by TLS clients (RFC 6960 Appendix A.1), never by a browser session.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/ocsp/**"));
        return http.build();
    }

    /** The UI login form's side of {@link AuthenticationThrottle}: a password posted inside a window is answered 429, unchecked. */
    static Filter loginThrottle(AuthenticationThrottle throttle) {
        return (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            long wait = postsPassword(http) ? throttle.retryAfterSeconds(http.getRemoteAddr()) : 0;
            if (wait > 0) {
                AuthenticationThrottle.refuse(http, (HttpServletResponse) response, wait);
            } else {
                chain.doFilter(request, response);
            }
        };
    }

    /** Whether the request posts the login form, i.e. carries a password. */
    static boolean postsPassword(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && "/login".equals(request.getServletPath());
    }

    /** The UI login: user {@code admin}, password INKAN_ADMIN_PASSWORD or the admin token. */
    @Bean
    AuthenticationProvider adminLogin(AdminCredentials credentials, AuthenticationThrottle throttle) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                String password = authentication.getCredentials() == null ? null : authentication.getCredentials().toString();
                HttpServletRequest request = currentRequest();
                if (!credentials.passwordMatches(authentication.getName(), password)) {
                    if (request != null) {
                        throttle.failed(request, "wrong password for " + (AdminCredentials.USERNAME.equals(authentication.getName())
                                ? "user 'admin'" : "a user name that is not 'admin'") + " (UI login)");
                    }
                    throw new BadCredentialsException("wrong user name or password; the user is 'admin' and the password is"
                            + " INKAN_ADMIN_PASSWORD or the admin token");
                }
                if (request != null) {
                    throttle.succeeded(request.getRemoteAddr());
                }
                return UsernamePasswordAuthenticationToken.authenticated(AdminCredentials.USERNAME, null,
                        List.of(new SimpleGrantedAuthority("ROLE_ADMIN")));
            }

            @Override
            public boolean supports(Class<?> type) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
            }
        };
    }

    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes ? attributes.getRequest() : null;
    }
}
