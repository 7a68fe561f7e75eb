package dev.inkan.export;

import dev.inkan.testing.TestPki;
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
        return TestPki.root(CaSpec.root(rootName, 3650), KeyType.EC_P256, Instant.now())
                .intermediate(rootName + " Intermediate", 1825)
                .leaf(LeafSpec.of("localhost", List.of("localhost"), List.of(), CertificateProfile.SERVER, 90), KeyType.EC_P256);
    }

    private static CertificateBundle issue(String caName, KeyType keyType, NameConstraintPolicy constraints, String commonName,
                                           List<String> dns, List<String> ips) {
        return TestPki.root(new CaSpec(caName, null, 3650, constraints, null), keyType, Instant.now())
                .leaf(LeafSpec.of(commonName, dns, ips, CertificateProfile.SERVER, 90), keyType);
    }
}
