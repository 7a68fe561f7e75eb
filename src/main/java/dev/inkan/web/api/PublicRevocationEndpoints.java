package dev.inkan.web.api;

import dev.inkan.revocation.CrlPublisher;
import dev.inkan.revocation.OcspResponder;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.catalina.Container;
import org.apache.catalina.Engine;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.ProtocolHandler;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Wiring of the public OCSP and CRL endpoints: {@link OcspEndpoint} first in the filter chain for {@code /ocsp}
 * and {@code /ocsp/*}; Tomcat passing {@code %2F} through (RFC 5019 §5 clients percent-encode the {@code /} of
 * base64 in GET requests; Tomcat would refuse them with 400 otherwise); and on every plain-HTTP connector (the one OCSP
 * and CRL URLs in certificates name) cached answers sent by {@link InlineRevocationEndpoint} on the poller thread, or
 * by {@link RevocationFastPath} ahead of the container for the requests the poller leaves to Tomcat.
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

    /**
     * Every connector on {@link RevocationHttpProtocol} (the plain one added beside HTTPS takes the factory's protocol);
     * first, so that connectors made by later customizers see it.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> revocationProtocol() {
        return factory -> factory.setProtocol(RevocationHttpProtocol.class.getName());
    }

    /**
     * Runs once every connector (also the plain one added beside HTTPS) is in the service and none is initialised yet; the
     * servlet adapter a connector creates in its init is wrapped right after. HTTPS connectors keep the full path (HSTS).
     */
    @Bean
    TomcatContextCustomizer revocationFastPath(OcspResponder ocsp, CrlPublisher crls, MeterRegistry registry) {
        CachedRevocationAnswers answers = CachedRevocationAnswers.of(ocsp, crls, registry);
        return context -> {
            Container engine = context.getParent() == null ? null : context.getParent().getParent();
            if (!(engine instanceof Engine e) || e.getService() == null) {
                return;
            }
            for (Connector connector : e.getService().findConnectors()) {
                connector.addLifecycleListener(event -> {
                    if (Lifecycle.AFTER_INIT_EVENT.equals(event.getType()) && !connector.getSecure()) {
                        ProtocolHandler handler = connector.getProtocolHandler();
                        handler.setAdapter(new RevocationFastPath(handler.getAdapter(), answers));
                        if (handler instanceof RevocationHttpProtocol inline) {
                            inline.answerFromMemory(answers);
                        }
                    }
                });
            }
        };
    }
}
