package dev.inkan.export;

import dev.inkan.engine.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A {@code kubernetes.io/tls} Secret (templates/kubernetes/secret.yaml) holding {@code tls.crt} and
 * {@code tls.key}, and optionally {@code ca.crt} and {@code ca.key}. It holds a private key, so it is
 * written 0600.
 */
public final class KubernetesSecret {

    /** Kubernetes object names: a DNS-1123 subdomain (lower case, digits, '-', '.'; at most 253). */
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    /** Namespaces: a DNS-1123 label (at most 63). */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private KubernetesSecret() {}

    /** Checks a Secret name (Kubernetes refuses anything but a DNS-1123 subdomain). */
    public static String requireName(String field, String name) {
        if (name == null || name.length() > 253 || !SUBDOMAIN.matcher(name).matches()) {
            throw new InvalidInputException(field, "'" + name + "' is not a Kubernetes object name;"
                    + " use lower-case letters, digits, '-' and '.' (e.g. my-app-tls)");
        }
        return name;
    }

    /** Checks a namespace (a DNS-1123 label). */
    public static String requireNamespace(String field, String namespace) {
        if (namespace == null || namespace.length() > 63 || !LABEL.matcher(namespace).matches()) {
            throw new InvalidInputException(field, "'" + namespace + "' is not a Kubernetes namespace;"
                    + " use at most 63 lower-case letters, digits and '-' (e.g. default)");
        }
        return namespace;
    }

    /**
     * The Secret's YAML.
     *
     * @param caKeyPem the CA key to include as {@code ca.key}, or null to leave it out
     * @param caCertPem the CA certificate to include as {@code ca.crt}, or null to leave it out
     */
    public static String render(TemplateRenderer templates, String name, String namespace, String certificatePem,
                                String keyPem, String caCertPem, String caKeyPem) {
        StringBuilder caEntries = new StringBuilder();
        if (caKeyPem != null) {
            caEntries.append("  ca.key: ").append(base64(caKeyPem)).append('\n');
        }
        if (caCertPem != null) {
            caEntries.append("  ca.crt: ").append(base64(caCertPem)).append('\n');
        }
        return templates.render("kubernetes/secret.yaml", Map.of(
                "name", requireName("name", name),
                "namespace", requireNamespace("namespace", namespace),
                "caEntries", caEntries.toString(),
                "tlsCrt", base64(certificatePem),
                "tlsKey", base64(keyPem)));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
