package dev.inkan.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * What a leaf certificate is for, and so which extended key usages it carries.
 * Apple requires serverAuth in the EKU of TLS server certificates; mTLS clients need clientAuth.
 */
public enum CertificateProfile {
    /** A TLS server: EKU serverAuth. The default. */
    SERVER("server", List.of(KeyPurposeId.id_kp_serverAuth)),
    /** A TLS client (mTLS): EKU clientAuth. */
    CLIENT("client", List.of(KeyPurposeId.id_kp_clientAuth)),
    /** Both ends of mTLS with one certificate: EKU serverAuth and clientAuth. */
    SERVER_CLIENT("server+client", List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth));

    private final String id;
    private final List<KeyPurposeId> extendedKeyUsages;

    CertificateProfile(String id, List<KeyPurposeId> extendedKeyUsages) {
        this.id = id;
        this.extendedKeyUsages = extendedKeyUsages;
    }

    public String id() {
        return id;
    }

    public List<KeyPurposeId> extendedKeyUsages() {
        return extendedKeyUsages;
    }

    /** Whether a TLS server presents this certificate, so browsers' rules apply to it. */
    public boolean isServer() {
        return this != CLIENT;
    }

    /** Parses {@code server}, {@code client}, {@code server+client} (also {@code SERVER_CLIENT}, {@code both}). */
    public static CertificateProfile parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return SERVER;
        }
        String key = text.trim().toLowerCase(Locale.ROOT).replaceAll("[-_+ ]", "");
        return switch (key) {
            case "server", "tlsserver" -> SERVER;
            case "client", "tlsclient" -> CLIENT;
            case "serverclient", "clientserver", "both", "mtls" -> SERVER_CLIENT;
            default -> throw new InvalidInputException(field, "unknown profile '" + RequestRejectedException.abbreviate(text)
                    + "'; use one of " + Arrays.stream(values()).map(CertificateProfile::id)
                    .collect(Collectors.joining(", ")));
        };
    }
}
