package dev.inkan.config;

import java.util.List;
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
 * Public without login: {@code /login}, {@code /ca.pem}, {@code /install/**} (trust-store scripts),
 * static assets, {@code /actuator/health}, the OpenAPI document and Swagger UI (they describe the API,
 * they grant nothing), and {@code /error}. The login page is the UI's own ({@code templates/login.html},
 * posting {@code username}, {@code password} and {@code _csrf} to {@code /login}).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** Paths anyone may GET without logging in. */
    public static final String[] PUBLIC_PATHS = {"/login", "/ca.pem", "/install/**", "/css/**", "/js/**", "/images/**",
        "/webjars/**", "/favicon.ico", "/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
        "/swagger-ui.html", "/swagger-ui/**", "/error"};

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, AdminCredentials credentials) throws Exception {
        ProblemSecurityResponses problems = new ProblemSecurityResponses(credentials);
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole("ADMIN"))
                .addFilterBefore(new BearerTokenFilter(credentials), AuthorizationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
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
    SecurityFilterChain uiSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers(PUBLIC_PATHS).permitAll().anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll());
        return http.build();
    }

    /** The UI login: user {@code admin}, password INKAN_ADMIN_PASSWORD or the admin token. */
    @Bean
    AuthenticationProvider adminLogin(AdminCredentials credentials) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                String password = authentication.getCredentials() == null ? null : authentication.getCredentials().toString();
                if (!credentials.passwordMatches(authentication.getName(), password)) {
                    throw new BadCredentialsException("wrong user name or password; the user is 'admin' and the password is"
                            + " INKAN_ADMIN_PASSWORD or the admin token");
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
}
