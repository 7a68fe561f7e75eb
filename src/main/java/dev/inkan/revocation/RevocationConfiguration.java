package dev.inkan.revocation;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@link RevocationSettings}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RevocationSettings.class)
class RevocationConfiguration {
}
