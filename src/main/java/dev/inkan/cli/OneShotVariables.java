package dev.inkan.cli;

import dev.inkan.engine.CertificateProfile;
import dev.inkan.engine.InvalidInputException;
import dev.inkan.engine.KeyType;
import dev.inkan.export.KubernetesSecret;
import dev.inkan.oneshot.OneShotRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The environment of a one-shot run, read as omgwtfssl reads it (same variables, same defaults;
 * an empty variable counts as unset, like the shell's {@code ${VAR:-default}}) plus Inkan's own
 * variables. Every value is checked here, and an error names the variable.
 *
 * @param output what to print on stdout: {@code yaml} (the default) or {@code k8s}
 * @param silent {@code SILENT}: print nothing but errors
 */
record OneShotVariables(OneShotRequest request, String output, boolean silent) {

    /** Every variable with its default ("" = none), in the order the README documents them. */
    static final Map<String, String> DEFAULTS = orderedMap(
            "CA_KEY", "ca-key.pem", "CA_CERT", "ca.pem", "CA_SUBJECT", "test-ca", "CA_EXPIRE", "60",
            "SSL_CONFIG", "openssl.cnf", "SSL_KEY", "key.pem", "SSL_CSR", "key.csr", "SSL_CERT", "cert.pem",
            "SSL_SIZE", "2048", "SSL_EXPIRE", "60", "SSL_SUBJECT", OneShotRequest.DEFAULT_SUBJECT, "SSL_DNS", "", "SSL_IP", "",
            "K8S_NAME", "omgwtfssl", "K8S_NAMESPACE", "default", "K8S_SAVE_CA_KEY", "no", "K8S_SAVE_CA_CRT", "no",
            "OUTPUT", "yaml", "SILENT", "no",
            "SSL_KEY_TYPE", "rsa", "SSL_PROFILE", "server", "CA_PERMITTED_DNS", "", "CA_PERMITTED_IP", "",
            "BUNDLE", "yes", "P12_PASSWORD", "", "P12_LEGACY", "no");

    static OneShotVariables read(Map<String, String> env) {
        Values values = new Values(env);
        var files = new OneShotRequest.FileNames(values.get("CA_KEY"), values.get("CA_CERT"), values.get("SSL_CONFIG"),
                values.get("SSL_KEY"), values.get("SSL_CSR"), values.get("SSL_CERT"));
        String output = values.get("OUTPUT").toLowerCase(Locale.ROOT);
        if (!output.equals("yaml") && !output.equals("k8s")) {
            throw new InvalidInputException("OUTPUT", "'" + values.get("OUTPUT") + "' is not an output format; write OUTPUT=yaml or OUTPUT=k8s");
        }
        var request = new OneShotRequest(files, values.get("CA_SUBJECT"), values.days("CA_EXPIRE"),
                values.list("CA_PERMITTED_DNS"), values.list("CA_PERMITTED_IP"), keyType(values),
                values.isSet("SSL_SUBJECT") ? values.get("SSL_SUBJECT") : null, values.list("SSL_DNS"), values.list("SSL_IP"),
                values.days("SSL_EXPIRE"), CertificateProfile.parse("SSL_PROFILE", values.get("SSL_PROFILE")),
                KubernetesSecret.requireName("K8S_NAME", values.get("K8S_NAME")),
                KubernetesSecret.requireNamespace("K8S_NAMESPACE", values.get("K8S_NAMESPACE")),
                values.yesNo("K8S_SAVE_CA_KEY"), values.yesNo("K8S_SAVE_CA_CRT"), values.yesNo("BUNDLE"),
                values.isSet("P12_PASSWORD") ? values.get("P12_PASSWORD") : null, values.yesNo("P12_LEGACY"));
        return new OneShotVariables(request, output, values.yesNo("SILENT"));
    }

    /**
     * omgwtfssl makes RSA keys of {@code SSL_SIZE} bits (default 2048), and so does Inkan unless
     * {@code SSL_KEY_TYPE} names another type; {@code SSL_SIZE} applies to RSA only.
     */
    private static KeyType keyType(Values values) {
        String text = values.get("SSL_KEY_TYPE");
        boolean plainRsa = text.strip().equalsIgnoreCase("rsa");
        if (plainRsa) {
            String size = values.get("SSL_SIZE").strip();
            return switch (size) {
                case "2048" -> KeyType.RSA_2048;
                case "3072" -> KeyType.RSA_3072;
                case "4096" -> KeyType.RSA_4096;
                default -> throw new InvalidInputException("SSL_SIZE", "'" + size + "' is not an RSA key size Inkan makes;"
                        + " write SSL_SIZE=2048, 3072 or 4096 (or SSL_KEY_TYPE=ecdsa-p256 for a faster, smaller key)");
            };
        }
        KeyType type = KeyType.parse("SSL_KEY_TYPE", text);
        if (values.isSet("SSL_SIZE") && !(type.isRsa() && values.get("SSL_SIZE").strip().equals(String.valueOf(type.bits())))) {
            throw new InvalidInputException("SSL_SIZE", "SSL_SIZE=" + values.get("SSL_SIZE") + " contradicts SSL_KEY_TYPE="
                    + text + "; unset SSL_SIZE (it sets the bits of plain SSL_KEY_TYPE=rsa only)");
        }
        return type;
    }

    private static Map<String, String> orderedMap(String... pairs) {
        var map = new java.util.LinkedHashMap<String, String>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    /** Raw environment values with their defaults. */
    private record Values(Map<String, String> env) {
        boolean isSet(String name) {
            String value = env.get(name);
            return value != null && !value.isEmpty();
        }

        String get(String name) {
            return isSet(name) ? env.get(name) : DEFAULTS.get(name);
        }

        /** A comma list; blanks around entries and empty entries (a trailing comma) are dropped, nothing is glob-expanded. */
        List<String> list(String name) {
            return Arrays.stream(get(name).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }

        int days(String name) {
            String text = get(name).strip();
            try {
                int days = Integer.parseInt(text);
                if (days >= 1) {
                    return days;
                }
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
            throw new InvalidInputException(name, "'" + text + "' is not a number of days; write a whole number such as "
                    + name + "=" + DEFAULTS.get(name));
        }

        /** yes/no as people write it; omgwtfssl took any non-empty value, even "false", as yes. */
        boolean yesNo(String name) {
            String text = get(name).strip().toLowerCase(Locale.ROOT);
            return switch (text) {
                case "true", "yes", "1", "on" -> true;
                case "false", "no", "0", "off" -> false;
                default -> throw new InvalidInputException(name, "'" + get(name) + "' is neither yes nor no; write "
                        + name + "=yes or " + name + "=no (true/false, 1/0 and on/off work too)");
            };
        }
    }
}
