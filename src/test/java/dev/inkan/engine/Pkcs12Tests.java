package dev.inkan.engine;

import dev.inkan.testing.TestPki;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** PKCS#12 files from the engine, opened by the JDK's own KeyStore (not Bouncy Castle). */
class Pkcs12Tests {

    @ParameterizedTest
    @EnumSource(Pkcs12.Encryption.class)
    void theJdkOpensTheKeyStoreWithItsPasswordAndFindsKeyAndChain(Pkcs12.Encryption encryption) throws Exception {
        TestPki pki = TestPki.root("P12 Root");
        CertificateBundle bundle = pki.leaf("app.test");
        X509Certificate ca = pki.certificate();
        X509Certificate leaf = bundle.certificate();
        byte[] p12 = bundle.toPkcs12("app", "s3cret-pass".toCharArray(), encryption);

        KeyStore store = KeyStore.getInstance("PKCS12", "SUN");
        store.load(new ByteArrayInputStream(p12), "s3cret-pass".toCharArray());
        assertThat(store.isKeyEntry("app")).isTrue();
        PrivateKey key = (PrivateKey) store.getKey("app", "s3cret-pass".toCharArray());
        assertThat(KeyPairs.matches(key, leaf.getPublicKey())).isTrue();
        assertThat(store.getCertificateChain("app")).containsExactly(leaf, ca);

        KeyStore wrong = KeyStore.getInstance("PKCS12", "SUN");
        assertThatThrownBy(() -> wrong.load(new ByteArrayInputStream(p12), "wrong".toCharArray())).isInstanceOf(Exception.class);
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = "EC_P256")
    void aTrustStoreHoldsOnlyTheCaCertificate(KeyType type) throws Exception {
        KeyPair caKey = type.generate();
        X509Certificate ca = CertificateIssuer.selfSignedRoot(CaSpec.root("Trust Root", 30), caKey, Instant.now());
        KeyStore store = KeyStore.getInstance("PKCS12", "SUN");
        store.load(new ByteArrayInputStream(Pkcs12.trustStore(List.of(ca), List.of("inkan-root"), "changeit".toCharArray())),
                "changeit".toCharArray());
        assertThat(store.isCertificateEntry("inkan-root")).isTrue();
        assertThat(store.getCertificate("inkan-root")).isEqualTo(ca);
        assertThat(store.size()).isEqualTo(1);
    }
}
