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

    @org.junit.jupiter.api.Test
    void everyLeafIssuedConcurrentlyCarriesTheKeyIdentifierOfItsOwnKey() throws Exception {
        Instant now = Instant.now();
        KeyPair rootKey = KeyType.EC_P256.generate();
        X509Certificate root = CertificateIssuer.selfSignedRoot(new CaSpec("Concurrent Root", null, 3650, null, null), rootKey, now);
        IssuingAuthority ca = IssuingAuthority.of(List.of(root), rootKey.getPrivate());
        List<KeyPair> keys = java.util.stream.IntStream.range(0, 64).mapToObj(i -> KeyType.EC_P256.generate()).toList();
        var threads = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var leaves = threads.invokeAll(keys.stream().<java.util.concurrent.Callable<X509Certificate>>map(key -> () -> CertificateIssuer.leaf(
                    LeafSpec.of("ski.test", List.of(), List.of(), CertificateProfile.SERVER, 30), key.getPublic(), ca, now)).toList());
            for (int i = 0; i < keys.size(); i++) {
                X509Certificate leaf = leaves.get(i).get();
                // RFC 5280 §4.2.1.2 method (1): the SHA-1 of the subjectPublicKey BIT STRING's value
                byte[] expected = java.security.MessageDigest.getInstance("SHA-1").digest(org.bouncycastle.asn1.x509.SubjectPublicKeyInfo
                        .getInstance(keys.get(i).getPublic().getEncoded()).getPublicKeyData().getBytes());
                byte[] ski = org.bouncycastle.asn1.x509.SubjectKeyIdentifier.getInstance(org.bouncycastle.asn1.ASN1OctetString.getInstance(
                        leaf.getExtensionValue(org.bouncycastle.asn1.x509.Extension.subjectKeyIdentifier.getId())).getOctets()).getKeyIdentifier();
                assertThat(ski).as("leaf %d", i).isEqualTo(expected);
                assertThat(leaf.getPublicKey()).isEqualTo(keys.get(i).getPublic());
            }
        } finally {
            threads.shutdown();
        }
    }

    @org.junit.jupiter.api.Test
    void keyIdentifiersComputedOnManyThreadsAtOnceAreEachTheirOwnKeys() throws Exception {
        List<org.bouncycastle.asn1.x509.SubjectPublicKeyInfo> keys = java.util.stream.IntStream.range(0, 16)
                .mapToObj(i -> org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(KeyType.EC_P256.generate().getPublic().getEncoded()))
                .toList();
        List<byte[]> expected = new java.util.ArrayList<>();
        for (var key : keys) {
            expected.add(java.security.MessageDigest.getInstance("SHA-1").digest(key.getPublicKeyData().getBytes()));
        }
        var threads = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var results = threads.invokeAll(java.util.stream.IntStream.range(0, 8).<java.util.concurrent.Callable<Integer>>mapToObj(t -> () -> {
                int wrong = 0;
                for (int i = 0; i < 20_000; i++) {
                    int k = (i + t) % keys.size();
                    if (!java.util.Arrays.equals(KEY_IDENTIFIER.apply(keys.get(k)), expected.get(k))) {
                        wrong++;
                    }
                }
                return wrong;
            }).toList());
            for (var result : results) {
                assertThat(result.get()).isZero();
            }
        } finally {
            threads.shutdown();
        }
    }

    private static final java.util.function.Function<org.bouncycastle.asn1.x509.SubjectPublicKeyInfo, byte[]> KEY_IDENTIFIER =
            CertificateIssuer::keyIdentifier;
}
