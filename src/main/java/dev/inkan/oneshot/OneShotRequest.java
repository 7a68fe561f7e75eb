package dev.inkan.oneshot;

import dev.inkan.engine.CertificateProfile;
import dev.inkan.engine.Input;
import dev.inkan.engine.InvalidInputException;
import dev.inkan.engine.KeyType;
import dev.inkan.engine.Pkcs12;
import dev.inkan.export.OutputFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a one-shot run is asked for: omgwtfssl's contract (its variables, defaults and file
 * names) plus Inkan's additions. Fields of the errors raised for it are named after the
 * environment variables, which is how one-shot users spell their input.
 *
 * @param subject the server CN ({@code SSL_SUBJECT}), or null when not given: then the first DNS
 *                name or IP address, or omgwtfssl's {@code example.com} when there are none
 * @param bundle      whether to write Inkan's bundle files too ({@code BUNDLE}: nginx/, cert.p12, install-ca-*.sh...)
 * @param p12Password the password of cert.p12 ({@code P12_PASSWORD}), or null to have one made (written to cert.p12.password)
 * @param p12Legacy   3DES/SHA-1 instead of AES-256 for cert.p12 ({@code P12_LEGACY}), for Windows before 1809, macOS before 12
 */
public record OneShotRequest(FileNames files, String caSubject, int caExpireDays, List<String> caPermittedDns,
                             List<String> caPermittedIp, KeyType keyType, String subject, List<String> dnsNames,
                             List<String> ipAddresses, int expireDays, CertificateProfile profile, String k8sName,
                             String k8sNamespace, boolean k8sSaveCaKey, boolean k8sSaveCaCert, boolean bundle,
                             String p12Password, boolean p12Legacy) {

    /** omgwtfssl's default server CN when no name at all is given. */
    public static final String DEFAULT_SUBJECT = "example.com";

    /** Private keys are never written under a name that says certificate, request or PKCS#12. */
    private static final java.util.regex.Pattern NOT_A_KEY_NAME = java.util.regex.Pattern.compile(
            "(?i).*\\.(crt|cer|der|csr|req|p12|pfx|p7b|p7c|srl|crl)$|(?i)(ca|cert|chain|fullchain)\\.pem$");

    public OneShotRequest {
        refuseCollisions(files, bundle);
        caPermittedDns = List.copyOf(caPermittedDns);
        caPermittedIp = List.copyOf(caPermittedIp);
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        if (p12Password != null) {
            Pkcs12.checkPassword(Input.named("P12_PASSWORD"), p12Password);
        }
    }

    /**
     * Refuses, before anything is made, a file-name variable that would overwrite one of the bundle's
     * files (or the cert.p12 password file), and a private key named like a certificate.
     */
    private static void refuseCollisions(FileNames files, boolean bundle) {
        String[][] keys = {{"SSL_KEY", files.key()}, {"CA_KEY", files.caKey()}};
        for (String[] key : keys) {
            if (NOT_A_KEY_NAME.matcher(key[1]).matches()) {
                throw new InvalidInputException(key[0], "'" + key[1] + "' is a certificate's (or request's) file name, and "
                        + key[0] + " names a private key; give it a key's name such as " + (key[0].equals("SSL_KEY") ? "key.pem" : "ca-key.pem"));
            }
        }
        if (!bundle) {
            return;
        }
        java.util.Set<String> reserved = new java.util.LinkedHashSet<>(dev.inkan.export.BundleExport.TOP_LEVEL_NAMES);
        reserved.add(OneShotIssuance.PASSWORD_FILE);
        // The one-shot writes its own cert.pem, key.pem, ca.pem, fullchain.pem and secret.yaml in the bundle's place.
        reserved.removeAll(java.util.Set.of("cert.pem", "key.pem", "ca.pem", FileNames.FULL_CHAIN, FileNames.SECRET));
        String[][] variables = {{"CA_KEY", files.caKey()}, {"CA_CERT", files.caCert()}, {"SSL_CONFIG", files.config()},
                {"SSL_KEY", files.key()}, {"SSL_CSR", files.csr()}, {"SSL_CERT", files.cert()}, {"CA_CERT", files.caSerial()}};
        for (String[] variable : variables) {
            if (reserved.contains(variable[1])) {
                throw new InvalidInputException(variable[0], "'" + variable[1] + "' is the name of one of the bundle's files;"
                        + " give " + variable[0] + " a file name of its own (or set BUNDLE=no to write only omgwtfssl's files)");
            }
        }
    }

    /**
     * The output file names, each a plain name inside the output directory. {@code ca.srl}, {@code ca.crl},
     * {@code fullchain.pem} and {@code secret.yaml} are fixed (the serial file is named after the
     * CA certificate, as {@code openssl x509 -CAcreateserial} names it, and so is the CRL).
     */
    public record FileNames(String caKey, String caCert, String config, String key, String csr, String cert) {

        public static final String FULL_CHAIN = "fullchain.pem";
        public static final String SECRET = "secret.yaml";

        public FileNames {
            Map<String, String> byName = new LinkedHashMap<>();
            byName.put(FULL_CHAIN, "the full chain");
            byName.put(SECRET, "the Kubernetes Secret");
            String[][] variables = {{"CA_KEY", caKey}, {"CA_CERT", caCert}, {"SSL_CONFIG", config}, {"SSL_KEY", key},
                    {"SSL_CSR", csr}, {"SSL_CERT", cert}};
            for (String[] variable : variables) {
                OutputFile.requirePlainName(variable[0], variable[1]);
            }
            byName.put(serialName(caCert), "the CA serial file (named after CA_CERT)");
            byName.put(crlName(caCert), "the CA's CRL (named after CA_CERT)");
            for (String[] variable : variables) {
                String previous = byName.putIfAbsent(variable[1], variable[0]);
                if (previous != null) {
                    throw new InvalidInputException(variable[0], "'" + variable[1] + "' is already the name of " + previous
                            + "; give " + variable[0] + " a file name of its own");
                }
            }
        }

        /** {@code ca.pem} → {@code ca.srl}, as openssl names the serial file of a CA certificate. */
        public String caSerial() {
            return serialName(caCert);
        }

        /** {@code ca.pem} → {@code ca.crl}: the new CA's (empty) CRL, beside it. */
        public String caCrl() {
            return crlName(caCert);
        }

        private static String crlName(String caCert) {
            int dot = caCert.lastIndexOf('.');
            return (dot > 0 ? caCert.substring(0, dot) : caCert) + ".crl";
        }

        private static String serialName(String caCert) {
            int dot = caCert.lastIndexOf('.');
            return (dot > 0 ? caCert.substring(0, dot) : caCert) + ".srl";
        }
    }
}
