package dev.inkan.operations;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the operations settings ({@code inkan.notifications.*}, {@code inkan.smtp.*}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({NotificationProperties.class, SmtpProperties.class})
class OperationsConfiguration {
}
