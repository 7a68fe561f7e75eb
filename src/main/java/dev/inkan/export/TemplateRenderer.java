package dev.inkan.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the text files of {@code templates/} (nginx snippets, trust-store scripts, the
 * Kubernetes Secret...). A template is read from the operator's override directory when it holds
 * the file, else from the copy packaged in the jar ({@code classpath:inkan-templates/}).
 *
 * <p>Placeholders are {@code {{name}}}. Rendering fails when the template uses a name it was not
 * given, so a typo never ships a script with a literal {@code {{...}}} in it.
 */
public final class TemplateRenderer {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z][a-zA-Z0-9_.]*)}}");
    private static final String CLASSPATH_ROOT = "inkan-templates/";

    private final Path overrideDirectory;

    /** @param overrideDirectory a directory whose files take precedence over the packaged ones, or null */
    public TemplateRenderer(Path overrideDirectory) {
        this.overrideDirectory = overrideDirectory;
    }

    /** The packaged templates only. */
    public static TemplateRenderer packaged() {
        return new TemplateRenderer(null);
    }

    /** Renders {@code name} (a path such as {@code nginx/ssl.conf}) with the given values. */
    public String render(String name, Map<String, String> values) {
        String template = load(name);
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 256);
        Set<String> missing = new TreeSet<>();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                missing.add(matcher.group(1));
                value = "";
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("template " + name + " uses " + missing + ", which were not given");
        }
        return out.toString();
    }

    private String load(String name) {
        if (name.contains("..") || name.startsWith("/")) {
            throw new IllegalArgumentException("not a template name: " + name);
        }
        try {
            if (overrideDirectory != null) {
                Path file = overrideDirectory.resolve(name);
                if (Files.isRegularFile(file)) {
                    return Files.readString(file, StandardCharsets.UTF_8);
                }
            }
            try (InputStream in = TemplateRenderer.class.getClassLoader().getResourceAsStream(CLASSPATH_ROOT + name)) {
                if (in == null) {
                    throw new IllegalStateException("no template " + name + " in the jar; is templates/" + name + " missing?");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + name, e);
        }
    }
}
