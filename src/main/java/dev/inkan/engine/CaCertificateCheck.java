package dev.inkan.engine;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.bouncycastle.asn1.x509.Extension;

/**
 * Checks CA material that Inkan did not make (imported, or found in a one-shot output directory)
 * before it signs anything: it is a CA, it is in its validity period, the key is its own, and it
 * can sign certificates. Each failure says what is wrong and what to do.
 */
public final class CaCertificateCheck {
    /** The keyCertSign bit of keyUsage (RFC 5280 §4.2.1.3), as {@link X509Certificate#getKeyUsage()} indexes it. */
    private static final int KEY_CERT_SIGN = 5;

    private CaCertificateCheck() {}

    public static void requireUsable(String field, X509Certificate certificate, PrivateKey key, Instant now) {
        String name = certificate.getSubjectX500Principal().getName();
        if (certificate.getBasicConstraints() < 0) {
            throw new PolicyViolationException(field, "'" + name + "' is not a CA certificate (no basicConstraints CA:TRUE);"
                    + " give a CA certificate, or remove it to have a new CA made");
        }
        boolean[] usage = certificate.getKeyUsage();
        if (usage != null && !usage[KEY_CERT_SIGN]) {
            throw new PolicyViolationException(field, "'" + name + "' has a keyUsage without keyCertSign, so it cannot sign certificates;"
                    + " give a CA certificate that may sign, or remove it to have a new CA made");
        }
        if (certificate.getNotAfter().toInstant().isBefore(now)) {
            throw new PolicyViolationException(field, "the CA '" + name + "' expired on " + certificate.getNotAfter().toInstant()
                    + "; remove the CA files to have a new CA made, or give a CA that is still valid");
        }
        if (certificate.getNotBefore().toInstant().isAfter(now.plus(CertificateIssuer.BACKDATE))) {
            throw new PolicyViolationException(field, "the CA '" + name + "' is not valid until " + certificate.getNotBefore().toInstant()
                    + "; check this machine's clock");
        }
        if (KeyType.of(certificate.getPublicKey()).isEmpty()) {
            throw new PolicyViolationException(field, "the CA '" + name + "' has an " + KeyType.describe(certificate.getPublicKey())
                    + ", which Inkan does not sign with; use a CA key of " + KeyType.names());
        }
        if (!KeyPairs.matches(key, certificate.getPublicKey())) {
            throw new PolicyViolationException(field, "the CA key does not match the CA certificate '" + name
                    + "'; give the key that belongs to this certificate");
        }
        if (certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId()) == null
                && certificate.getVersion() < 3) {
            throw new PolicyViolationException(field, "the CA '" + name + "' is an X.509 v1 certificate; strict verifiers reject"
                    + " chains through it: make a new CA");
        }
    }
}
