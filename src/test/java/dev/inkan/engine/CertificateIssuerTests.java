package dev.inkan.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inkan.testing.Verifiers;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Certificates from the engine, judged by independent verifiers. */
class CertificateIssuerTests {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"EC_P256", "EC_P384", "RSA_2048"})
    void serverCertificateFromAnIntermediateIsAcceptedByEveryVerifier(KeyType keyType) {
        Instant now = Instant.now();
        KeyPair rootKey = keyType.generate();
        X509Certificate root = CertificateIssuer.selfSignedRoot(CaSpec.root("Test Root " + keyType.id(), 3650), rootKey, now);
        KeyPair intermediateKey = keyType.generate();
        X509Certificate intermediate = CertificateIssuer.intermediate(CaSpec.root("Test Intermediate", 1000),
                intermediateKey.getPublic(), IssuingAuthority.of(List.of(root), rootKey.getPrivate()), now);
        KeyPair leafKey = keyType.generate();
        X509Certificate leaf = CertificateIssuer.leaf(
                LeafSpec.of("app.test", List.of("www.app.test"), List.of("127.0.0.1"), CertificateProfile.SERVER, 90),
                leafKey.getPublic(), IssuingAuthority.of(List.of(intermediate, root), intermediateKey.getPrivate()), now);

        var chain = Verifiers.Chain.write(dir, leaf, List.of(intermediate), root);
        for (var verdict : Verifiers.allForServer(chain, leaf, List.of(intermediate), root, "www.app.test")) {
            assertThat(verdict.accepted()).as(verdict.verifier() + ": " + verdict.output()).isTrue();
        }
        assertThat(Verifiers.nss(chain, dir, 1).accepted()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"EC_P256", "RSA_2048"})
    void nameConstrainedCaCannotSignOutsideItsDomainsAndVerifiersEnforceIt(KeyType keyType) {
        Instant now = Instant.now();
        KeyPair rootKey = keyType.generate();
        var constraints = NameConstraintPolicy.of("nameConstraints", List.of("corp.test"), List.of());
        X509Certificate root = CertificateIssuer.selfSignedRoot(
                new CaSpec("Constrained Root", null, 3650, constraints, null), rootKey, now);
        IssuingAuthority ca = IssuingAuthority.of(List.of(root), rootKey.getPrivate());
        KeyPair leafKey = keyType.generate();

        assertThatThrownBy(() -> CertificateIssuer.leaf(LeafSpec.of("evil.example", List.of(), List.of(),
                CertificateProfile.SERVER, 30), leafKey.getPublic(), ca, now))
                .isInstanceOf(PolicyViolationException.class).hasMessageContaining("outside");
        assertThatThrownBy(() -> CertificateIssuer.leaf(LeafSpec.of("db.corp.test", List.of(), List.of("10.0.0.1"),
                CertificateProfile.SERVER, 30), leafKey.getPublic(), ca, now))
                .isInstanceOf(PolicyViolationException.class).hasMessageContaining("10.0.0.1");

        X509Certificate leaf = CertificateIssuer.leaf(LeafSpec.of("db.corp.test", List.of(), List.of(),
                CertificateProfile.SERVER, 30), leafKey.getPublic(), ca, now);
        var chain = Verifiers.Chain.write(dir, leaf, List.of(), root);
        assertThat(Verifiers.go(chain, "db.corp.test", "server").accepted()).isTrue();
        assertThat(Verifiers.openssl(chain, "db.corp.test", "sslserver").accepted()).isTrue();
    }
}
