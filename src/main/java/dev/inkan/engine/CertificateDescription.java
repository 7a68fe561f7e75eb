package dev.inkan.engine;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

/**
 * A certificate decoded for people, in the terms {@code openssl x509 -text} uses: subject, issuer,
 * validity, key, SANs, fingerprints and each extension with its value.
 *
 * @param serialNumber  lower-case hex, no separators
 * @param subjectAltNames openssl notation: {@code DNS:app.test}, {@code IP Address:127.0.0.1}
 * @param sha256Fingerprint colon-separated upper-case hex, as browsers and {@code openssl x509 -fingerprint} show it
 */
public record CertificateDescription(int version, String serialNumber, String subject, String issuer,
                                     Instant notBefore, Instant notAfter, String keyType, String signatureAlgorithm,
                                     List<String> subjectAltNames, String sha256Fingerprint, String sha1Fingerprint,
                                     boolean certificateAuthority, List<ExtensionValue> extensions) {

    /** One extension: its name (or OID when Inkan has no name for it), criticality and values. */
    public record ExtensionValue(String name, String oid, boolean critical, List<String> values) {}

    private static final Map<ASN1ObjectIdentifier, String> NAMES = Map.of(
            Extension.basicConstraints, "Basic Constraints", Extension.keyUsage, "Key Usage",
            Extension.extendedKeyUsage, "Extended Key Usage", Extension.subjectKeyIdentifier, "Subject Key Identifier",
            Extension.authorityKeyIdentifier, "Authority Key Identifier", Extension.subjectAlternativeName,
            "Subject Alternative Name", Extension.nameConstraints, "Name Constraints",
            Extension.cRLDistributionPoints, "CRL Distribution Points", Extension.authorityInfoAccess, "Authority Information Access",
            Extension.certificatePolicies, "Certificate Policies");
    private static final String[] KEY_USAGES = {"Digital Signature", "Non Repudiation", "Key Encipherment",
        "Data Encipherment", "Key Agreement", "Certificate Sign", "CRL Sign", "Encipher Only", "Decipher Only"};
    private static final Map<KeyPurposeId, String> PURPOSES = Map.of(
            KeyPurposeId.id_kp_serverAuth, "TLS Web Server Authentication", KeyPurposeId.id_kp_clientAuth,
            "TLS Web Client Authentication", KeyPurposeId.id_kp_codeSigning, "Code Signing",
            KeyPurposeId.id_kp_emailProtection, "E-mail Protection", KeyPurposeId.id_kp_timeStamping, "Time Stamping",
            KeyPurposeId.id_kp_OCSPSigning, "OCSP Signing");

    public static CertificateDescription of(X509Certificate certificate) {
        byte[] der;
        try {
            der = certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode a certificate", e);
        }
        List<String> sans = new ArrayList<>();
        List<ExtensionValue> extensions = new ArrayList<>();
        var holder = CertificateIssuer.holder(certificate);
        if (holder.getExtensions() != null) {
            for (ASN1ObjectIdentifier oid : holder.getExtensions().getExtensionOIDs()) {
                Extension extension = holder.getExtension(oid);
                List<String> values = values(extension);
                if (oid.equals(Extension.subjectAlternativeName)) {
                    sans.addAll(values);
                }
                extensions.add(new ExtensionValue(NAMES.getOrDefault(oid, oid.getId()), oid.getId(), extension.isCritical(), values));
            }
        }
        String keyType = KeyType.of(certificate.getPublicKey()).map(KeyType::displayName)
                .orElse(certificate.getPublicKey().getAlgorithm());
        return new CertificateDescription(certificate.getVersion(), certificate.getSerialNumber().toString(16),
                certificate.getSubjectX500Principal().getName(), certificate.getIssuerX500Principal().getName(),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), keyType,
                certificate.getSigAlgName(), List.copyOf(sans), fingerprint("SHA-256", der), fingerprint("SHA-1", der),
                certificate.getBasicConstraints() >= 0, List.copyOf(extensions));
    }

    /** Colon-separated upper-case hex of the digest of {@code der}, as {@code openssl x509 -fingerprint} shows it. */
    public static String fingerprint(String algorithm, byte[] der) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest(algorithm, der));
    }

    /** Plain lower-case hex of the digest of {@code der}, as {@code sha256sum} shows it. */
    public static String digestHex(String algorithm, byte[] der) {
        return HexFormat.of().formatHex(digest(algorithm, der));
    }

    private static byte[] digest(String algorithm, byte[] der) {
        try {
            return MessageDigest.getInstance(algorithm).digest(der);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }

    private static List<String> values(Extension extension) {
        ASN1ObjectIdentifier oid = extension.getExtnId();
        var value = extension.getParsedValue();
        try {
            if (oid.equals(Extension.basicConstraints)) {
                BasicConstraints bc = BasicConstraints.getInstance(value);
                return List.of(bc.isCA() ? "CA:TRUE" + (bc.getPathLenConstraint() != null ? ", pathlen:" + bc.getPathLenConstraint() : "")
                        : "CA:FALSE");
            }
            if (oid.equals(Extension.keyUsage)) {
                var bits = org.bouncycastle.asn1.DERBitString.getInstance(value);
                byte[] bytes = bits.getBytes();
                List<String> usages = new ArrayList<>();
                for (int i = 0; i < KEY_USAGES.length; i++) {
                    int octet = i / 8;
                    if (octet < bytes.length && (bytes[octet] & (0x80 >> (i % 8))) != 0) {
                        usages.add(KEY_USAGES[i]);
                    }
                }
                return usages;
            }
            if (oid.equals(Extension.extendedKeyUsage)) {
                return java.util.Arrays.stream(ExtendedKeyUsage.getInstance(value).getUsages())
                        .map(p -> PURPOSES.getOrDefault(p, p.getId())).toList();
            }
            if (oid.equals(Extension.subjectKeyIdentifier)) {
                return List.of(hex(SubjectKeyIdentifier.getInstance(value).getKeyIdentifier()));
            }
            if (oid.equals(Extension.authorityKeyIdentifier)) {
                byte[] id = AuthorityKeyIdentifier.getInstance(value).getKeyIdentifierOctets();
                return id == null ? List.of() : List.of(hex(id));
            }
            if (oid.equals(Extension.subjectAlternativeName)) {
                return SubjectAltNames.decode(GeneralNames.getInstance(value)).stream().map(SubjectAltNames.Name::toString).toList();
            }
            if (oid.equals(Extension.nameConstraints)) {
                return NameConstraintPolicy.describeExtension(NameConstraints.getInstance(value));
            }
        } catch (RuntimeException e) {
            // fall through to the raw value: a description must never fail on an odd extension
        }
        return List.of(hex(ASN1OctetString.getInstance(extension.getExtnValue()).getOctets()));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(bytes);
    }
}
