package dev.inkan.web.api;

import dev.inkan.revocation.OcspResponder;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Wiring of the public OCSP endpoint: {@link OcspEndpoint} first in the filter chain for {@code /ocsp}
 * and {@code /ocsp/*}, and Tomcat passing {@code %2F} through (RFC 5019 §5 clients percent-encode the
 * {@code /} of base64 in GET requests; Tomcat would refuse them with 400 otherwise).
 */
@Configuration(proxyBeanMethods = false)
class PublicRevocationEndpoints {

    @Bean
    FilterRegistrationBean<OcspEndpoint> ocspEndpoint(OcspResponder responder) {
        FilterRegistrationBean<OcspEndpoint> registration = new FilterRegistrationBean<>(new OcspEndpoint(responder));
        registration.addUrlPatterns("/ocsp", "/ocsp/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    TomcatConnectorCustomizer encodedSlashInOcspGets() {
        return connector -> connector.setEncodedSolidusHandling("passthrough");
    }
}
