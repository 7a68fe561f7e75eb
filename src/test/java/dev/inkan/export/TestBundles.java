package dev.inkan.export;

import dev.inkan.engine.CaSpec;
import dev.inkan.engine.CertificateBundle;
import dev.inkan.engine.CertificateIssuer;
import dev.inkan.engine.CertificateProfile;
import dev.inkan.engine.IssuingAuthority;
import dev.inkan.engine.KeyType;
import dev.inkan.engine.LeafSpec;
import dev.inkan.engine.NameConstraintPolicy;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/** Engine-issued bundles for the export tests: a root (optionally name-constrained) and a server certificate for localhost. */
final class TestBundles {

    private TestBundles() {}

    /** A server certificate for localhost and 127.0.0.1 from a fresh root named {@code caName}. */
    static CertificateBundle localhost(String caName, KeyType keyType) {
        return issue(caName, keyType, null, "localhost", List.of("localhost"), List.of("127.0.0.1"));
    }

    /** A root constrained to {@code domains} (and no IP address), with a server certificate for {@code host}. */
    static CertificateBundle constrained(String caName, List<String> domains, String host) {
        return issue(caName, KeyType.EC_P256, NameConstraintPolicy.of("nameConstraints", domains, List.of()), host, List.of(host), List.of());
    }

    /** Root → intermediate → server certificate for localhost: chain.pem holds two CAs, ca.pem only the root. */
    static CertificateBundle viaIntermediate(String rootName) {
        Instant now = Instant.now();
        KeyPair rootKey = KeyType.EC_P256.generate();
        X509Certificate root = CertificateIssuer.selfSignedRoot(CaSpec.root(rootName, 3650), rootKey, now);
        KeyPair intermediateKey = KeyType.EC_P256.generate();
        X509Certificate intermediate = CertificateIssuer.intermediate(CaSpec.root(rootName + " Intermediate", 1825),
                intermediateKey.getPublic(), IssuingAuthority.of(List.of(root), rootKey.getPrivate()), now);
        KeyPair leafKey = KeyType.EC_P256.generate();
        X509Certificate leaf = CertificateIssuer.leaf(LeafSpec.of("localhost", List.of("localhost"), List.of(), CertificateProfile.SERVER, 90),
                leafKey.getPublic(), IssuingAuthority.of(List.of(intermediate, root), intermediateKey.getPrivate()), now);
        return new CertificateBundle(leaf, List.of(intermediate, root), leafKey.getPrivate());
    }

    private static CertificateBundle issue(String caName, KeyType keyType, NameConstraintPolicy constraints, String commonName,
                                           List<String> dns, List<String> ips) {
        Instant now = Instant.now();
        KeyPair rootKey = keyType.generate();
        X509Certificate root = CertificateIssuer.selfSignedRoot(new CaSpec(caName, null, 3650, constraints, null), rootKey, now);
        KeyPair leafKey = keyType.generate();
        X509Certificate leaf = CertificateIssuer.leaf(LeafSpec.of(commonName, dns, ips, CertificateProfile.SERVER, 90),
                leafKey.getPublic(), IssuingAuthority.of(List.of(root), rootKey.getPrivate()), now);
        return new CertificateBundle(leaf, List.of(root), leafKey.getPrivate());
    }
}
