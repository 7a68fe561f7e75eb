package dev.inkan.export;

import dev.inkan.engine.CertificateDescription;
import dev.inkan.engine.NameConstraintPolicy;
import dev.inkan.engine.Pem;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The CA certificate a user is asked to trust, with what they need to decide: its SHA-256 (and
 * SHA-1, which macOS and Windows use as the thumbprint) fingerprint, and the names it can sign for,
 * read from the certificate's own nameConstraints extension (RFC 5280 §4.2.1.10).
 */
public record RootOfTrust(X509Certificate certificate, String pem, String sha256, String sha1) {

    public static RootOfTrust of(X509Certificate certificate) {
        try {
            byte[] der = certificate.getEncoded();
            return new RootOfTrust(certificate, Pem.encode(certificate), CertificateDescription.digestHex("SHA-256", der),
                    CertificateDescription.digestHex("SHA-1", der));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the CA certificate cannot be encoded", e);
        }
    }

    /** The first certificate of a PEM text (a CA's certificate as the service stores it). */
    public static RootOfTrust fromPem(String pem) {
        return of(Pem.readCertificates("caCertificate", pem).get(0));
    }

    /** The subject's CN, or the whole subject when it has none. */
    public String name() {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        RDN[] names = subject.getRDNs(BCStyle.CN);
        if (names.length > 0 && names[0].getFirst().getValue() instanceof ASN1String cn) {
            return cn.getString();
        }
        return subject.toString();
    }

    /** SHA-256 as openssl prints it: upper-case hex pairs joined by colons. */
    public String sha256Colons() {
        return sha256.toUpperCase(Locale.ROOT).replaceAll("(..)(?!$)", "$1:");
    }

    /** A stable, file-name-safe id of this CA: {@code inkan-} and the first 16 hex digits of its SHA-256. */
    public String id() {
        return "inkan-" + sha256.substring(0, 16);
    }

    /** The label trust stores show: the CA's name and the start of its fingerprint. */
    public String label() {
        String name = name();
        return (name.toLowerCase(Locale.ROOT).startsWith("inkan") ? "" : "Inkan ") + name + " (" + sha256.substring(0, 8) + ")";
    }

    /** One line for scripts and pages: which names this CA can sign for, or a warning that it can sign for any. */
    public String constraintsDescription() {
        return NameConstraintPolicy.describeForTrust(certificate);
    }
}
