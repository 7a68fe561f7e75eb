package dev.inkan.config;

import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.export.RootOfTrust;
import dev.inkan.export.TrustInstallers;
import dev.inkan.export.TrustPlatform;
import dev.inkan.issuance.CertificateRecords;
import dev.inkan.issuance.IssuanceService;
import java.time.Clock;
import org.apache.catalina.connector.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * HTTPS by default: Tomcat's main connector speaks TLS on {@code server.port} (INKAN_HTTPS_PORT) with
 * the SSL bundle of {@link ServerCertificate}, and a second, plain connector on INKAN_PORT serves what
 * {@link PlainHttpPolicy} allows. {@code INKAN_TLS=off}: one plain connector on INKAN_PORT, for a proxy
 * that terminates TLS.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TransportSettings.class)
public class HttpsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(HttpsConfiguration.class);

    @Bean
    PublicEndpoints publicEndpoints(TransportSettings settings, Environment environment) {
        return new PublicEndpoints(settings, environment.getProperty("server.address"),
                environment.getProperty("server.port", Integer.class, 8443));
    }

    @Bean
    ServerCertificate serverCertificate(TransportSettings settings, InkanProperties properties, CertificateAuthorityService authorities,
                                        IssuanceService issuance, CertificateRecords records, JdbcClient jdbc, Environment environment,
                                        Clock clock) {
        return new ServerCertificate(settings, properties, authorities, issuance, records, jdbc,
                ServerNames.of(settings, environment.getProperty("server.address")), clock);
    }

    /** Runs after Spring Boot's own customizers, so that its choices (server.port, server.ssl) are replaced here. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> inkanConnectors(TransportSettings settings, PublicEndpoints endpoints) {
        return new WebServerFactoryCustomizer<>() {
            @Override
            public void customize(TomcatServletWebServerFactory factory) {
                // Tomcat's own refusals (before any servlet runs) as problem+json, not its HTML page.
                factory.addContextCustomizers(context -> {
                    if (context.getParent() instanceof org.apache.catalina.core.StandardHost host) {
                        host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                    }
                });
                if (!settings.tlsEnabled()) {
                    factory.setSsl(null);
                    factory.setPort(settings.httpPort());
                    log.warn("INKAN_TLS=off: UI and API are served over plain HTTP on port {}; the admin token and password cross"
                            + " the network in clear unless a proxy in front terminates TLS", settings.httpPort());
                    return;
                }
                Ssl ssl = new Ssl();
                ssl.setBundle(ServerCertificate.BUNDLE);
                factory.setSsl(ssl);
                Connector plain = new Connector(factory.getProtocol());
                plain.setPort(settings.httpPort());
                plain.setScheme("http");
                plain.setSecure(false);
                // RFC 5019 §5: OCSP GET requests percent-encode the '/' of base64; the OCSP endpoint decodes them itself
                plain.setEncodedSolidusHandling("passthrough");
                if (factory.getAddress() != null) {
                    plain.setProperty("address", factory.getAddress().getHostAddress());
                }
                factory.addAdditionalConnectors(plain);
                endpoints.plainConnector(plain);
            }
        };
    }

    /**
     * Logs, once the ports are bound, what a client needs to trust this service: the default CA's SHA-256
     * (the value to compare with the bootstrap page, which plain HTTP cannot protect) and the pinned
     * Linux one-liner.
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> announceTrustBootstrap(CertificateAuthorityService authorities, TrustInstallers installers,
                                                                      PublicEndpoints endpoints) {
        return event -> {
            RootOfTrust ca = RootOfTrust.fromPem(authorities.defaultAuthority().certificatePem());
            log.info("Default CA '{}', SHA-256 fingerprint {}; bootstrap page {}/; trust it on Linux with: {}", ca.name(),
                    ca.sha256Colons(), endpoints.httpBase(), installers.command(TrustPlatform.LINUX, ca, endpoints.httpBase()));
            if (endpoints.tlsEnabled()) {
                log.info("UI and API: {}/ (HTTPS); plain HTTP {}/ serves only the CA, install scripts, CRL/OCSP, health and the bootstrap page",
                        endpoints.httpsBase(), endpoints.httpBase());
            }
        };
    }

    @Bean
    FilterRegistrationBean<PlainHttpPolicy> plainHttpPolicy(PublicEndpoints endpoints) {
        FilterRegistrationBean<PlainHttpPolicy> registration = new FilterRegistrationBean<>(new PlainHttpPolicy(endpoints));
        // Before Spring Security (-100): a credential on plain HTTP is refused before anything checks it.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
