package dev.inkan.engine;

import java.io.IOException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PKIXNameConstraintValidator;
import org.bouncycastle.asn1.x509.NameConstraintValidatorException;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;

/**
 * Builds and signs certificates: self-signed roots, intermediates and leaves, with the
 * extensions browsers and strict verifiers require (see PRODUCT.md, "What browsers and TLS stacks
 * require"). Stateless and thread-safe.
 */
public final class CertificateIssuer {

    /** notBefore is set this far in the past so that a client whose clock runs behind still accepts a fresh certificate. */
    public static final Duration BACKDATE = Duration.ofMinutes(5);

    private static final JcaX509CertificateConverter CONVERTER = new JcaX509CertificateConverter();

    private CertificateIssuer() {}

    /** A self-signed root CA certificate for the key pair. */
    public static X509Certificate selfSignedRoot(CaSpec spec, KeyPair keyPair, Instant now) {
        KeyType type = KeyType.of(keyPair.getPublic()).orElseThrow();
        X500Name name = caName(spec);
        SubjectPublicKeyInfo key = SubjectPublicKeyInfo.getInstance(keyPair.getPublic().getEncoded());
        SubjectKeyIdentifier ski = subjectKeyIdentifier(key);
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name, SerialNumbers.next(),
                notBefore(now), X509Time.of(now.plus(Duration.ofDays(spec.validityDays()))), name, key);
        addCaExtensions(builder, spec, ski, new AuthorityKeyIdentifier(ski.getKeyIdentifier()));
        return sign(builder, IssuingAuthority.signer(type, keyPair.getPrivate()));
    }

    /** An intermediate CA certificate for {@code subjectKey}, signed by {@code parent}. */
    public static X509Certificate intermediate(CaSpec spec, PublicKey subjectKey, IssuingAuthority parent, Instant now) {
        checkIssuerUsable(parent, now);
        SubjectPublicKeyInfo key = SubjectPublicKeyInfo.getInstance(subjectKey.getEncoded());
        CaSpec bounded = spec.pathLength() != null ? spec : new CaSpec(spec.commonName(), spec.organization(),
                spec.validityDays(), spec.constraints(), 0);
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuerName(parent), SerialNumbers.next(),
                notBefore(now), notAfter(now, spec.validityDays(), parent), caName(bounded), key);
        addCaExtensions(builder, bounded, subjectKeyIdentifier(key), authorityKeyId(parent));
        addRevocationUrls(builder, parent);
        return sign(builder, parent.newSigner());
    }

    /**
     * A leaf certificate for {@code subjectKey}, signed by {@code ca}. Refuses a key browsers do not
     * accept in a server profile, and names outside any name constraint of the CA's chain.
     */
    public static X509Certificate leaf(LeafSpec spec, PublicKey subjectKey, IssuingAuthority ca, Instant now) {
        KeyType keyType = KeyType.of(subjectKey).orElseThrow(() -> new PolicyViolationException(Field.KEY_TYPE,
                "the key is an " + KeyType.describe(subjectKey) + ", which Inkan does not certify: use " + KeyType.names()));
        if (spec.profile().isServer() && (!keyType.acceptedByBrowsers() || !ca.keyType().acceptedByBrowsers())) {
            throw new PolicyViolationException(Field.KEY_TYPE, "browsers do not accept Ed25519 in TLS server certificates;"
                    + " use ecdsa-p256 (or the client profile for an Ed25519 client certificate)");
        }
        checkIssuerUsable(ca, now);
        checkNameConstraints(spec.names(), ca);
        SubjectPublicKeyInfo key = SubjectPublicKeyInfo.getInstance(subjectKey.getEncoded());
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, spec.commonName()).build();
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuerName(ca), SerialNumbers.next(),
                notBefore(now), notAfter(now, spec.validityDays(), ca), subject, key);
        int usage = KeyUsage.digitalSignature | (keyType.isRsa() ? KeyUsage.keyEncipherment : 0);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(spec.profile().extendedKeyUsages().toArray(KeyPurposeId[]::new)));
            builder.addExtension(Extension.subjectKeyIdentifier, false, subjectKeyIdentifier(key));
            builder.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyId(ca));
            if (!spec.names().isEmpty()) {
                // RFC 5280 §4.2.1.6: a subjectAltName, when present, holds at least one name (a client CN
                // such as "Jane Doe" has none); strict verifiers reject an empty one.
                builder.addExtension(Extension.subjectAlternativeName, false, spec.names().toGeneralNames());
            }
            ca.revocationUrls().addTo(builder);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode an extension", e);
        }
        return sign(builder, ca.newSigner());
    }

    private static void addCaExtensions(X509v3CertificateBuilder builder, CaSpec spec, SubjectKeyIdentifier ski,
                                        AuthorityKeyIdentifier aki) {
        try {
            // RFC 5280 §4.2.1.9: basicConstraints critical in CA certificates; §4.2.1.3 keyCertSign + cRLSign
            builder.addExtension(Extension.basicConstraints, true,
                    spec.pathLength() == null ? new BasicConstraints(true) : new BasicConstraints(spec.pathLength()));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectKeyIdentifier, false, ski);
            builder.addExtension(Extension.authorityKeyIdentifier, false, aki);
            if (!spec.constraints().isEmpty()) {
                // RFC 5280 §4.2.1.10: conforming CAs MUST mark name constraints critical
                builder.addExtension(Extension.nameConstraints, true, spec.constraints().toExtension());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode an extension", e);
        }
    }

    private static void addRevocationUrls(X509v3CertificateBuilder builder, IssuingAuthority issuer) {
        try {
            issuer.revocationUrls().addTo(builder);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode an extension", e);
        }
    }

    private static void checkIssuerUsable(IssuingAuthority ca, Instant now) {
        X509Certificate cert = ca.certificate();
        if (cert.getNotAfter().toInstant().isBefore(now)) {
            throw new PolicyViolationException(Field.ISSUING_CA, "the CA '" + cert.getSubjectX500Principal().getName()
                    + "' expired on " + cert.getNotAfter().toInstant() + "; create or import a CA that is still valid");
        }
        if (cert.getBasicConstraints() < 0) {
            throw new PolicyViolationException(Field.ISSUING_CA, "the certificate '" + cert.getSubjectX500Principal().getName()
                    + "' is not a CA (basicConstraints CA:FALSE); use a CA certificate");
        }
    }

    private static void checkNameConstraints(SubjectAltNames names, IssuingAuthority ca) {
        for (X509Certificate cert : ca.chain()) {
            byte[] value = cert.getExtensionValue(Extension.nameConstraints.getId());
            if (value == null) {
                continue;
            }
            NameConstraints constraints = NameConstraints.getInstance(
                    org.bouncycastle.asn1.ASN1OctetString.getInstance(value).getOctets());
            PKIXNameConstraintValidator validator = new PKIXNameConstraintValidator();
            if (constraints.getPermittedSubtrees() != null) {
                validator.intersectPermittedSubtree(constraints.getPermittedSubtrees());
            }
            if (constraints.getExcludedSubtrees() != null) {
                for (var subtree : constraints.getExcludedSubtrees()) {
                    validator.addExcludedSubtree(subtree);
                }
            }
            for (SubjectAltNames.Name name : names.names()) {
                GeneralName general = name.toGeneralName();
                try {
                    validator.checkPermitted(general);
                    validator.checkExcluded(general);
                } catch (NameConstraintValidatorException e) {
                    throw new PolicyViolationException(name.kind() == SubjectAltNames.Kind.IP ? Field.IP_ADDRESSES : Field.DNS_NAMES,
                            "'" + name.value() + "' is outside the names the CA '" + cert.getSubjectX500Principal().getName()
                                    + "' may sign for (name constraints); ask for names inside its permitted domains");
                }
            }
        }
    }

    private static X500Name caName(CaSpec spec) {
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE);
        if (spec.organization() != null) {
            name.addRDN(BCStyle.O, spec.organization());
        }
        return name.addRDN(BCStyle.CN, spec.commonName()).build();
    }

    static X500Name issuerName(IssuingAuthority ca) {
        // The issuer field must equal the CA's subject byte for byte (RFC 5280 §7.1 name chaining).
        return X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
    }

    static AuthorityKeyIdentifier authorityKeyId(IssuingAuthority ca) {
        return authorityKeyId(ca.certificate());
    }

    /** The key identifier of {@code cert}'s own key: its SKI, else the RFC 5280 §4.2.1.2 method (1) SHA-1 of the key. */
    static AuthorityKeyIdentifier authorityKeyId(X509Certificate cert) {
        byte[] ski = cert.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (ski != null) {
            return new AuthorityKeyIdentifier(SubjectKeyIdentifier.getInstance(
                    org.bouncycastle.asn1.ASN1OctetString.getInstance(ski).getOctets()).getKeyIdentifier());
        }
        SubjectPublicKeyInfo key = SubjectPublicKeyInfo.getInstance(cert.getPublicKey().getEncoded());
        return new AuthorityKeyIdentifier(keyIdentifier(key));
    }

    static Time notBefore(Instant now) {
        return X509Time.of(now.minus(BACKDATE));
    }

    /**
     * The warning to give when {@code issued} ends earlier than asked because a certificate cannot
     * outlive its issuer (RFC 5280 §6.1.3 validates each certificate's validity at the time of use:
     * the chain fails once the CA expires), or empty when it got the validity asked for.
     */
    public static java.util.Optional<String> clampWarning(int askedDays, X509Certificate issued, IssuingAuthority ca, Instant now) {
        Instant caEnd = ca.certificate().getNotAfter().toInstant();
        Instant end = issued.getNotAfter().toInstant();
        if (!end.equals(caEnd) || !now.plus(Duration.ofDays(askedDays)).truncatedTo(ChronoUnit.SECONDS).isAfter(caEnd)) {
            return java.util.Optional.empty();
        }
        Duration got = Duration.between(now, end);
        long days = (got.toHours() + 12) / 24; // rounded: the CA's own notAfter is whole seconds, "now" is not
        String gotText = days >= 1 ? days + (days == 1 ? " day" : " days") : got.toHours() + " hours";
        return java.util.Optional.of("validity clamped to the CA's notAfter " + caEnd + ": asked " + askedDays + " days, got "
                + gotText + "; renew the CA (or issue from a longer-lived one) for longer certificates");
    }

    /** The requested lifetime, cut back to the issuer's own notAfter: a certificate cannot outlive its CA. */
    private static Time notAfter(Instant now, int days, IssuingAuthority ca) {
        Instant wanted = now.plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.SECONDS);
        Instant caEnd = ca.certificate().getNotAfter().toInstant();
        return X509Time.of(wanted.isAfter(caEnd) ? caEnd : wanted);
    }

    static X509Certificate sign(X509v3CertificateBuilder builder, ContentSigner signer) {
        try {
            return CONVERTER.getCertificate(builder.build(signer));
        } catch (CertificateException e) {
            throw new IllegalStateException("cannot decode a certificate just built", e);
        }
    }

    /** The Bouncy Castle holder of a JCA certificate. */
    public static X509CertificateHolder holder(X509Certificate certificate) {
        try {
            return new JcaX509CertificateHolder(certificate);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A subjectKeyIdentifier extension value for {@code key} (see {@link #keyIdentifier}). */
    static SubjectKeyIdentifier subjectKeyIdentifier(SubjectPublicKeyInfo key) {
        return new SubjectKeyIdentifier(keyIdentifier(key));
    }

    /**
     * RFC 5280 §4.2.1.2 method (1): the SHA-1 of the subjectPublicKey BIT STRING's value, with a digest of
     * its own per call. (A shared {@code JcaX509ExtensionUtils} is not thread-safe: it keeps one buffer and
     * one MessageDigest, and concurrent issuances got each other's identifiers; issue 12's concurrency test.)
     */
    static byte[] keyIdentifier(SubjectPublicKeyInfo key) {
        try {
            return java.security.MessageDigest.getInstance("SHA-1").digest(key.getPublicKeyData().getBytes());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 for key identifiers is missing", e);
        }
    }
}
