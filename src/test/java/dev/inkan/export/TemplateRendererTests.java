package dev.inkan.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateRendererTests {

    @TempDir
    Path dir;

    @Test
    void overrideDirectoryTemplateIsRenderedWithEveryPlaceholderReplaced() throws Exception {
        Files.createDirectories(dir.resolve("greet"));
        Files.writeString(dir.resolve("greet/hello.txt"), "Hello {{name}}, {{name}}! $1 \\ {{ not.a placeholder }}\n");
        String text = new TemplateRenderer(dir).render("greet/hello.txt", Map.of("name", "a$b\\c"));
        assertThat(text).isEqualTo("Hello a$b\\c, a$b\\c! $1 \\ {{ not.a placeholder }}\n");
    }

    @Test
    void placeholderWithoutAValueFailsInsteadOfShippingBraces() throws Exception {
        Files.writeString(dir.resolve("t.txt"), "{{known}} {{unknown}}");
        assertThatThrownBy(() -> new TemplateRenderer(dir).render("t.txt", Map.of("known", "x")))
                .hasMessageContaining("[unknown]");
    }

    @Test
    void templateNamesCannotEscapeTheTemplateDirectory() {
        assertThatThrownBy(() -> new TemplateRenderer(dir).render("../etc/passwd", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TemplateRenderer.packaged().render("no/such/template.txt", Map.of()))
                .hasMessageContaining("templates/no/such/template.txt");
    }
}
