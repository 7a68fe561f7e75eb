package dev.inkan.web.ui;

import dev.inkan.config.InkanProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;

/** What a @WebMvcTest slice of the UI needs beyond the controllers: the settings the web filters read. */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(InkanProperties.class)
class UiSliceConfiguration {
}
