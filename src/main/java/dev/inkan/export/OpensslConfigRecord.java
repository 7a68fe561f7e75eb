package dev.inkan.export;

import dev.inkan.engine.IpRange;
import dev.inkan.engine.SubjectAltNames;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

/**
 * {@code openssl.cnf} as an honest record of what was issued (omgwtfssl's file name): read back
 * from the certificates themselves, not from the request, in the syntax of openssl's x509v3_config,
 * so {@code openssl x509 -req -extfile openssl.cnf -extensions v3_req} would add the same
 * extensions.
 */
public final class OpensslConfigRecord {

    private static final String[] KEY_USAGES = {"digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment",
            "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};

    private OpensslConfigRecord() {}

    /** The record for {@code leaf}; {@code newCa} is the CA certificate when this run made it, else null. */
    public static String render(X509Certificate leaf, X509Certificate newCa, String header) {
        StringBuilder out = new StringBuilder(1024);
        for (String line : header.split("\n")) {
            out.append("# ").append(line).append('\n');
        }
        out.append("\n[ req ]\nprompt = no\ndistinguished_name = req_distinguished_name\nreq_extensions = v3_req\n\n")
                .append("[ req_distinguished_name ]\nCN = ").append(escape(commonName(leaf))).append("\n\n")
                .append("[ v3_req ]\n");
        extensions(out, leaf, "alt_names");
        List<SubjectAltNames.Name> names = sans(leaf);
        if (!names.isEmpty()) {
            out.append("\n[ alt_names ]\n");
            int dns = 0;
            int ip = 0;
            for (SubjectAltNames.Name name : names) {
                switch (name.kind()) {
                    case DNS -> out.append("DNS.").append(++dns).append(" = ").append(name.value()).append('\n');
                    case IP -> out.append("IP.").append(++ip).append(" = ").append(name.value()).append('\n');
                    default -> out.append("# not expressible here: ").append(name).append('\n');
                }
            }
        }
        if (newCa != null) {
            out.append("\n# The CA certificate made in this run (").append(escape(commonName(newCa))).append(")\n[ v3_ca ]\n");
            extensions(out, newCa, null);
        }
        return out.toString();
    }

    private static void extensions(StringBuilder out, X509Certificate cert, String altNamesSection) {
        int pathLength = cert.getBasicConstraints();
        BasicConstraints constraints = BasicConstraints.getInstance(value(cert, Extension.basicConstraints));
        out.append("basicConstraints = critical, ").append(pathLength < 0 ? "CA:FALSE" : "CA:TRUE")
                .append(constraints != null && constraints.getPathLenConstraint() != null
                        ? ", pathlen:" + constraints.getPathLenConstraint() : "").append('\n');
        boolean[] usage = cert.getKeyUsage();
        if (usage != null) {
            List<String> bits = new ArrayList<>();
            for (int i = 0; i < Math.min(usage.length, KEY_USAGES.length); i++) {
                if (usage[i]) {
                    bits.add(KEY_USAGES[i]);
                }
            }
            out.append("keyUsage = critical, ").append(String.join(", ", bits)).append('\n');
        }
        try {
            List<String> eku = cert.getExtendedKeyUsage();
            if (eku != null) {
                out.append("extendedKeyUsage = ").append(String.join(", ", eku.stream().map(OpensslConfigRecord::ekuName).toList()))
                        .append('\n');
            }
        } catch (CertificateParsingException e) {
            throw new IllegalStateException(e);
        }
        out.append("subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n");
        if (altNamesSection != null && !sans(cert).isEmpty()) {
            out.append("subjectAltName = @").append(altNamesSection).append('\n');
        }
        byte[] nc = value(cert, Extension.nameConstraints);
        if (nc != null) {
            NameConstraints constraintsExt = NameConstraints.getInstance(nc);
            List<String> parts = new ArrayList<>();
            subtrees(parts, "permitted", constraintsExt.getPermittedSubtrees());
            subtrees(parts, "excluded", constraintsExt.getExcludedSubtrees());
            out.append("nameConstraints = critical, ").append(String.join(", ", parts)).append('\n');
        }
    }

    private static void subtrees(List<String> parts, String kind, GeneralSubtree[] subtrees) {
        if (subtrees == null) {
            return;
        }
        for (GeneralSubtree subtree : subtrees) {
            var name = subtree.getBase();
            if (name.getTagNo() == org.bouncycastle.asn1.x509.GeneralName.dNSName) {
                parts.add(kind + ";DNS:" + name.getName());
            } else if (name.getTagNo() == org.bouncycastle.asn1.x509.GeneralName.iPAddress) {
                parts.add(kind + ";IP:" + IpRange.decode(ASN1OctetString.getInstance(name.getName()).getOctets()).addressAndMask());
            }
        }
    }

    private static String ekuName(String oid) {
        return switch (oid) {
            case "1.3.6.1.5.5.7.3.1" -> "serverAuth";
            case "1.3.6.1.5.5.7.3.2" -> "clientAuth";
            default -> oid;
        };
    }

    private static List<SubjectAltNames.Name> sans(X509Certificate cert) {
        byte[] san = value(cert, Extension.subjectAlternativeName);
        return san == null ? List.of() : SubjectAltNames.decode(GeneralNames.getInstance(san));
    }

    private static byte[] value(X509Certificate cert, org.bouncycastle.asn1.ASN1ObjectIdentifier oid) {
        byte[] wrapped = cert.getExtensionValue(oid.getId());
        return wrapped == null ? null : ASN1OctetString.getInstance(wrapped).getOctets();
    }

    private static String commonName(X509Certificate cert) {
        var rdns = org.bouncycastle.asn1.x500.X500Name.getInstance(cert.getSubjectX500Principal().getEncoded())
                .getRDNs(org.bouncycastle.asn1.x500.style.BCStyle.CN);
        return rdns.length == 0 ? "" : org.bouncycastle.asn1.x500.style.IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }

    /** openssl's config syntax treats '$' as a variable and '#' as a comment; a backslash escapes them. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("$", "\\$").replace("#", "\\#").replace("\"", "\\\"");
    }
}
