package dev.inkan.config;

import dev.inkan.acme.AcmeProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The ACME endpoints' filter chain: {@code /acme/**} is public to Spring Security because every request
 * authenticates itself by its JWS signature (RFC 8555 §6.2); no session, no cookie, no CSRF token.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AcmeProperties.class)
public class AcmeConfiguration {

    @Bean
    @Order(0)
    SecurityFilterChain acmeSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher("/acme/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable());
        return http.build();
    }
}
