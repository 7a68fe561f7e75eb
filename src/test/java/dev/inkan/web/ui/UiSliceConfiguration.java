package dev.inkan.web.ui;

import dev.inkan.config.InkanProperties;
import dev.inkan.config.PublicEndpoints;
import dev.inkan.config.TransportSettings;
import dev.inkan.export.TemplateRenderer;
import dev.inkan.export.TrustInstallers;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** What a @WebMvcTest slice of the UI needs beyond the controllers: the settings the web filters read, the public addresses. */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(InkanProperties.class)
class UiSliceConfiguration {

    /** The real install scripts, whose hashes the trust page's one-liners pin. */
    @Bean
    TrustInstallers trustInstallers() {
        return new TrustInstallers(TemplateRenderer.packaged());
    }

    /** HTTPS on 8443, plain HTTP on 8080, as a service started with the defaults. */
    @Bean
    PublicEndpoints publicEndpoints() {
        return new PublicEndpoints(new TransportSettings("on", 8080, List.of(), null, null, 90, Duration.ofHours(1)), "127.0.0.1", 8443);
    }
}
