package dev.inkan.issuance;

import dev.inkan.engine.RequestRejectedException;
import dev.inkan.engine.NotFoundException;

/** The PEM files a certificate can be downloaded as. */
public enum PemFile {
    /** The certificate alone. */
    CERT("cert.pem"),
    /** The issuing CA up to the root. */
    CHAIN("chain.pem"),
    /** The certificate then its chain: nginx's {@code ssl_certificate}. */
    FULLCHAIN("fullchain.pem"),
    /** The private key (PKCS#8), only when the server generated it and it was not deleted. */
    KEY("key.pem");

    private final String fileName;

    PemFile(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    public static PemFile of(String fileName) {
        for (PemFile file : values()) {
            if (file.fileName.equals(fileName)) {
                return file;
            }
        }
        throw new NotFoundException("file", "no file '" + RequestRejectedException.abbreviate(fileName)
                + "'; download cert.pem, chain.pem, fullchain.pem or key.pem");
    }
}
