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
import java.time.Instant;
import java.util.List;

/**
 * A test CA made by the engine (never by hand): a root, optionally an intermediate under it, and leaves
 * it issues. One fixture for every test that needs a chain.
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

    public CertificateBundle leaf(LeafSpec spec, KeyType type) {
        KeyPair leafKey = type.generate();
        return new CertificateBundle(CertificateIssuer.leaf(spec, leafKey.getPublic(), authority(), now), chain, leafKey.getPrivate());
    }
}
