package dev.inkan.export;

import dev.inkan.engine.CertificateDescription;
import dev.inkan.engine.IpRange;
import dev.inkan.engine.Pem;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

/**
 * The CA certificate a user is asked to trust, with what they need to decide: its SHA-256 (and
 * SHA-1, which macOS and Windows use as the thumbprint) fingerprint, and the names it can sign for,
 * read from the certificate's own nameConstraints extension (RFC 5280 §4.2.1.10).
 */
public record RootOfTrust(X509Certificate certificate, String pem, String sha256, String sha1,
                          List<String> permitted, List<String> excluded) {

    public RootOfTrust {
        permitted = List.copyOf(permitted);
        excluded = List.copyOf(excluded);
    }

    public static RootOfTrust of(X509Certificate certificate) {
        try {
            byte[] der = certificate.getEncoded();
            List<String> permitted = new ArrayList<>();
            List<String> excluded = new ArrayList<>();
            byte[] extension = certificate.getExtensionValue(Extension.nameConstraints.getId());
            if (extension != null) {
                NameConstraints constraints = NameConstraints.getInstance(ASN1OctetString.getInstance(extension).getOctets());
                describe(constraints.getPermittedSubtrees(), permitted);
                describe(constraints.getExcludedSubtrees(), excluded);
            }
            return new RootOfTrust(certificate, Pem.encode(certificate), CertificateDescription.digestHex("SHA-256", der), CertificateDescription.digestHex("SHA-1", der), permitted, excluded);
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

    public boolean isConstrained() {
        return !permitted.isEmpty();
    }

    /** One line for scripts and pages: which names this CA can sign for, or a warning that it can sign for any. */
    public String constraintsDescription() {
        if (!isConstrained() && excluded.isEmpty()) {
            return "WARNING: this CA is unconstrained: it can sign for ANY name (any website). Trust it only if you control its key.";
        }
        StringBuilder text = new StringBuilder();
        if (isConstrained()) {
            text.append("This CA can sign only for: ").append(String.join(", ", permitted)).append('.');
        } else {
            text.append("WARNING: this CA can sign for any name except the excluded ones.");
        }
        if (!excluded.isEmpty()) {
            text.append(" Excluded: ").append(String.join(", ", excluded)).append('.');
        }
        return text.toString();
    }

    private static void describe(GeneralSubtree[] subtrees, List<String> out) {
        if (subtrees == null) {
            return;
        }
        for (GeneralSubtree subtree : subtrees) {
            GeneralName name = subtree.getBase();
            switch (name.getTagNo()) {
                case GeneralName.dNSName -> out.add(((ASN1String) name.getName()).getString() + " and names below it");
                case GeneralName.iPAddress -> out.add(range(ASN1OctetString.getInstance(name.getName()).getOctets()));
                case GeneralName.rfc822Name -> out.add("e-mail " + ((ASN1String) name.getName()).getString());
                case GeneralName.uniformResourceIdentifier -> out.add("URI " + ((ASN1String) name.getName()).getString());
                case GeneralName.directoryName -> out.add("directory name " + name.getName());
                default -> out.add("names of type " + name.getTagNo());
            }
        }
    }

    /** An iPAddress subtree as CIDR; 0.0.0.0/0 and ::/0 read "every IPv4/IPv6 address". */
    private static String range(byte[] octets) {
        IpRange range = IpRange.decode(octets);
        if (range.isEverything()) {
            return range.isIpv4() ? "every IPv4 address" : "every IPv6 address";
        }
        return "IP " + range.cidr();
    }

}
