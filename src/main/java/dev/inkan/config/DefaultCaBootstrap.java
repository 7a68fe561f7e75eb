package dev.inkan.config;

import dev.inkan.authority.CertificateAuthorityService;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Makes the default root CA (ECDSA P-256, 10 years, named by {@code inkan.default-ca-name}) on first
 * start, before the web server accepts requests; does nothing when any CA exists.
 */
@Component
record DefaultCaBootstrap(CertificateAuthorityService authorities, InkanProperties properties) implements SmartInitializingSingleton {

    @Override
    public void afterSingletonsInstantiated() {
        authorities.ensureDefaultAuthority(properties.defaultCaName());
    }
}
