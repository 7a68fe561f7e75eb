package dev.inkan.export;

import dev.inkan.engine.Pkcs12;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * How a bundle is made.
 *
 * @param pkcs12Password     the password of {@code cert.p12}; never empty (a PKCS#12 without one is a key in clear)
 * @param pkcs12Encryption   MODERN (AES-256 / PBKDF2-SHA256) or LEGACY (3DES / SHA-1) for old Windows/macOS importers
 * @param trustStorePassword the password of {@code truststore.p12}; it protects only the integrity of public
 *                           certificates, so Java's customary {@code changeit} is the default
 * @param secretName         metadata.name of {@code secret.yaml}
 * @param secretNamespace    metadata.namespace of {@code secret.yaml}
 * @param secretIncludesCa   whether {@code secret.yaml} carries {@code ca.crt} too (cert-manager's convention)
 * @param installDirectory   where the user unpacks the bundle on the nginx host; {@code nginx/*.conf} refer to it
 * @param installBaseUrl     the service's URL for {@code curl URL/install/linux | sudo sh} in README.txt, or null
 * @param keyFileName        the name of the private key file, as written and as {@code nginx/ssl.conf} refers to it
 *                           (default {@code key.pem}; the one-shot's {@code SSL_KEY})
 */
public record BundleOptions(char[] pkcs12Password, Pkcs12.Encryption pkcs12Encryption, char[] trustStorePassword,
                            String secretName, String secretNamespace, boolean secretIncludesCa,
                            String installDirectory, String installBaseUrl, String keyFileName) {

    public static final String DEFAULT_TRUST_STORE_PASSWORD = "changeit";
    public static final String DEFAULT_INSTALL_DIRECTORY = "/etc/nginx/inkan";
    public static final String DEFAULT_KEY_FILE = "key.pem";

    private static final String PASSWORD_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public BundleOptions {
        if (pkcs12Password == null || pkcs12Password.length == 0) {
            throw new IllegalArgumentException("cert.p12 needs a password; give one or use BundleOptions.generatedPassword()");
        }
        pkcs12Password = pkcs12Password.clone();
        pkcs12Encryption = pkcs12Encryption == null ? Pkcs12.Encryption.MODERN : pkcs12Encryption;
        trustStorePassword = trustStorePassword == null || trustStorePassword.length == 0
                ? DEFAULT_TRUST_STORE_PASSWORD.toCharArray() : trustStorePassword.clone();
        secretNamespace = secretNamespace == null || secretNamespace.isBlank() ? "default" : secretNamespace;
        installDirectory = installDirectory == null || installDirectory.isBlank() ? DEFAULT_INSTALL_DIRECTORY
                : installDirectory.replaceAll("/+$", "");
        keyFileName = keyFileName == null ? DEFAULT_KEY_FILE : OutputFile.requirePlainName("keyFileName", keyFileName);
        if (!installDirectory.startsWith("/")) {
            throw new IllegalArgumentException("the install directory is an absolute path such as /etc/nginx/inkan");
        }
    }

    /** Modern encryption, a secret named after the certificate, ca.crt included, files under /etc/nginx/inkan. */
    public static BundleOptions defaults(char[] pkcs12Password) {
        return new BundleOptions(pkcs12Password, Pkcs12.Encryption.MODERN, null, null, null, true, null, null, null);
    }

    public BundleOptions withEncryption(Pkcs12.Encryption encryption) {
        return new BundleOptions(pkcs12Password, encryption, trustStorePassword, secretName, secretNamespace,
                secretIncludesCa, installDirectory, installBaseUrl, keyFileName);
    }

    public BundleOptions withSecret(String name, String namespace, boolean includeCa) {
        return new BundleOptions(pkcs12Password, pkcs12Encryption, trustStorePassword, name, namespace, includeCa,
                installDirectory, installBaseUrl, keyFileName);
    }

    public BundleOptions withInstallDirectory(String directory) {
        return new BundleOptions(pkcs12Password, pkcs12Encryption, trustStorePassword, secretName, secretNamespace,
                secretIncludesCa, directory, installBaseUrl, keyFileName);
    }

    public BundleOptions withInstallBaseUrl(String url) {
        return new BundleOptions(pkcs12Password, pkcs12Encryption, trustStorePassword, secretName, secretNamespace,
                secretIncludesCa, installDirectory, url, keyFileName);
    }

    /** The key written as {@code name} (the one-shot's {@code SSL_KEY}), and {@code nginx/ssl.conf} pointing at it. */
    public BundleOptions withKeyFileName(String name) {
        return new BundleOptions(pkcs12Password, pkcs12Encryption, trustStorePassword, secretName, secretNamespace,
                secretIncludesCa, installDirectory, installBaseUrl, name);
    }

    @Override
    public char[] pkcs12Password() {
        return pkcs12Password.clone();
    }

    @Override
    public char[] trustStorePassword() {
        return trustStorePassword.clone();
    }

    /** 24 characters from a CSPRNG (~140 bits), without look-alikes (0/O, 1/l/I), safe to type and to put in a header. */
    public static char[] generatedPassword() {
        SecureRandom random = new SecureRandom();
        char[] password = new char[24];
        for (int i = 0; i < password.length; i++) {
            password[i] = PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length()));
        }
        return password;
    }

    @Override
    public String toString() {
        return "BundleOptions[pkcs12Encryption=" + pkcs12Encryption + ", secret=" + secretNamespace + "/" + secretName
                + ", installDirectory=" + installDirectory + ", keyFileName=" + keyFileName + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BundleOptions o && Arrays.equals(pkcs12Password, o.pkcs12Password)
                && pkcs12Encryption == o.pkcs12Encryption && java.util.Objects.equals(secretName, o.secretName)
                && java.util.Objects.equals(secretNamespace, o.secretNamespace) && secretIncludesCa == o.secretIncludesCa
                && installDirectory.equals(o.installDirectory) && java.util.Objects.equals(installBaseUrl, o.installBaseUrl)
                && keyFileName.equals(o.keyFileName);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(pkcs12Encryption, secretName, installDirectory);
    }
}
