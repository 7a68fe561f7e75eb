package dev.inkan.authority;

import dev.inkan.engine.InvalidInputException;

/**
 * An existing CA to import: its certificate (optionally followed by its issuers up to the root) and
 * its private key, PEM, the key optionally encrypted with {@code keyPassword}.
 *
 * @param name optional display name; the certificate's CN when absent
 */
public record ImportCaRequest(String name, String certificatePem, String privateKeyPem, String keyPassword) {

    public static final int MAX_PEM = 60 * 1024;

    public void validate() {
        if (certificatePem == null || certificatePem.isBlank()) {
            throw new InvalidInputException("certificatePem", "give the CA certificate as a -----BEGIN CERTIFICATE----- block");
        }
        if (privateKeyPem == null || privateKeyPem.isBlank()) {
            throw new InvalidInputException("privateKeyPem", "give the CA's private key as a -----BEGIN PRIVATE KEY----- block");
        }
        if (certificatePem.length() > MAX_PEM || privateKeyPem.length() > MAX_PEM) {
            throw new InvalidInputException(certificatePem.length() > MAX_PEM ? "certificatePem" : "privateKeyPem",
                    "the PEM text is too long: at most " + MAX_PEM + " characters");
        }
        if (name != null && (name.isBlank() || name.length() > 64)) {
            throw new InvalidInputException("name", "a CA name has 1 to 64 characters; leave it out to use the certificate's CN");
        }
    }
}
