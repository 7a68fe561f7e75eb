package dev.inkan.config;

import dev.inkan.export.BundleExport;
import dev.inkan.export.TemplateRenderer;
import dev.inkan.export.TrustInstallers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The export layer for the service: templates (the packaged ones, or an operator's copy in
 * {@code inkan.templates-dir} / {@code INKAN_TEMPLATES_DIR}), bundles and trust scripts.
 */
@Configuration(proxyBeanMethods = false)
public class ExportConfiguration {

    @Bean
    TemplateRenderer templateRenderer(@Value("${inkan.templates-dir:}") String directory) {
        if (directory == null || directory.isBlank()) {
            return TemplateRenderer.packaged();
        }
        Path path = Path.of(directory).toAbsolutePath().normalize();
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("inkan.templates-dir " + path + " is not a directory; point INKAN_TEMPLATES_DIR at a copy"
                    + " of templates/ (only the files you change need to be there), or unset it");
        }
        return new TemplateRenderer(path);
    }

    @Bean
    BundleExport bundleExport(TemplateRenderer templates) {
        return new BundleExport(templates);
    }

    @Bean
    TrustInstallers trustInstallers(TemplateRenderer templates) {
        return new TrustInstallers(templates);
    }
}
