package dev.inkan.oneshot;

import dev.inkan.export.OutputFile;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The outcome of a one-shot run, not yet written: the files for the output directory, and the
 * PEM texts that omgwtfssl prints on stdout.
 *
 * @param files     every file to write, in order; reused CA files are not among them
 * @param progress  what was done, one line each, for the user to read
 * @param secretYaml the Kubernetes Secret (also among the files)
 */
public record OneShotResult(List<OutputFile> files, List<String> progress, X509Certificate certificate,
                            String caKeyPem, String caCertPem, String keyPem, String csrPem, String certPem,
                            String secretYaml) {

    public OneShotResult {
        files = List.copyOf(files);
        progress = List.copyOf(progress);
    }

    /** omgwtfssl's {@code OUTPUT=yaml}: the PEMs as YAML block scalars under ca_key, ca_crt, ssl_key, ssl_csr, ssl_crt. */
    public String yaml() {
        return "---\n" + block("ca_key", caKeyPem) + block("ca_crt", caCertPem) + block("ssl_key", keyPem)
                + block("ssl_csr", csrPem) + block("ssl_crt", certPem);
    }

    /** omgwtfssl's {@code OUTPUT=k8s}: the Secret as a YAML document. */
    public String k8s() {
        return "---\n" + secretYaml;
    }

    private static String block(String key, String pem) {
        StringBuilder out = new StringBuilder(key).append(": |\n");
        for (String line : pem.strip().split("\r?\n")) {
            out.append("  ").append(line).append('\n');
        }
        return out.toString();
    }
}
