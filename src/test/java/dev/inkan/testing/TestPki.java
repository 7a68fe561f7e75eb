package dev.inkan.testing;

import dev.inkan.engine.CaSpec;
import dev.inkan.engine.CertificateBundle;
import dev.inkan.engine.CertificateIssuer;
import dev.inkan.engine.CertificateProfile;
import dev.inkan.engine.IssuingAuthority;
import dev.inkan.engine.KeyType;
import dev.inkan.engine.LeafSpec;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

/**
 * A test CA made by the engine: a root, optionally an intermediate under it, and leaves it issues. One
 * fixture for every test that needs a chain; the only hand-built certificates are those the engine
 * refuses to make ({@link #outsideProfile}).
 *
 * @param key   the issuing CA's key pair
 * @param chain the issuing CA first, the root last
 */
public record TestPki(KeyPair key, List<X509Certificate> chain, Instant now) {

    /** An ECDSA P-256 root valid for 30 days from now. */
    public static TestPki root(String name) {
        return root(CaSpec.root(name, 30), KeyType.EC_P256, Instant.now());
    }

    public static TestPki root(CaSpec spec, KeyType type, Instant now) {
        KeyPair key = type.generate();
        return new TestPki(key, List.of(CertificateIssuer.selfSignedRoot(spec, key, now)), now);
    }

    /** An intermediate CA (ECDSA P-256) issued by this one. */
    public TestPki intermediate(String name, int validityDays) {
        KeyPair intermediateKey = KeyType.EC_P256.generate();
        X509Certificate certificate = CertificateIssuer.intermediate(CaSpec.root(name, validityDays), intermediateKey.getPublic(),
                authority(), now);
        List<X509Certificate> longer = new java.util.ArrayList<>(List.of(certificate));
        longer.addAll(chain);
        return new TestPki(intermediateKey, List.copyOf(longer), now);
    }

    /** The issuing CA's certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    public IssuingAuthority authority() {
        return IssuingAuthority.of(chain, key.getPrivate());
    }

    /** A server certificate for {@code commonName} (ECDSA P-256, 30 days) with its key and this chain. */
    public CertificateBundle leaf(String commonName) {
        return leaf(LeafSpec.of(commonName, List.of(), List.of(), CertificateProfile.SERVER, 30), KeyType.EC_P256);
    }

    /**
     * A certificate the engine refuses to make (a leaf without subjectAltName, a CA whose name only a
     * hostile importer would choose), signed by hand by a P-256 key with the engine's signer: the negative controls and parser inputs
     * of the tests. A CA gets basicConstraints CA:TRUE and keyUsage keyCertSign|cRLSign, a leaf CA:FALSE
     * and extendedKeyUsage serverAuth; {@code issuer} null means self-signed.
     */
    public static X509Certificate outsideProfile(org.bouncycastle.asn1.x500.X500Name subject, java.security.PublicKey key,
                                                 boolean ca, X509Certificate issuer, java.security.PrivateKey signer, Duration validity) {
        try {
            Instant now = Instant.now();
            var issuerName = issuer == null ? subject : org.bouncycastle.asn1.x500.X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
            var builder = new org.bouncycastle.cert.X509v3CertificateBuilder(issuerName, java.math.BigInteger.valueOf(now.toEpochMilli()),
                    java.util.Date.from(now.minusSeconds(60)), java.util.Date.from(now.plus(validity)), subject,
                    org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(key.getEncoded()));
            var utils = new org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            }
            if (issuer != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer));
            }
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
            return new JcaX509CertificateConverter().getCertificate(builder.build(IssuingAuthority.signer(KeyType.EC_P256, signer)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public CertificateBundle leaf(LeafSpec spec, KeyType type) {
        KeyPair leafKey = type.generate();
        return new CertificateBundle(CertificateIssuer.leaf(spec, leafKey.getPublic(), authority(), now), chain, leafKey.getPrivate());
    }
}
