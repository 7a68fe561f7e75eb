package dev.inkan.engine;

import dev.inkan.testing.TestPki;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** PEM (RFC 7468) codecs: what is written reads back, in the forms other tools expect. */
class PemTests {

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"EC_P256", "RSA_2048", "ED25519"})
    void unencryptedKeysAreWrittenAsPkcs8AndReadBack(KeyType type) {
        KeyPair pair = type.generate();
        String pem = Pem.encode(pair.getPrivate());
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(KeyPairs.matches(Pem.readPrivateKey("key", pem, null), pair.getPublic())).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"EC_P256", "RSA_2048"})
    void encryptedKeysReadBackOnlyWithTheirPassword(KeyType type) {
        KeyPair pair = type.generate();
        String pem = Pem.encodeEncrypted(pair.getPrivate(), "correct horse".toCharArray());
        assertThat(pem).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        assertThat(KeyPairs.matches(Pem.readPrivateKey("key", pem, "correct horse".toCharArray()), pair.getPublic())).isTrue();
        assertThatThrownBy(() -> Pem.readPrivateKey("key", pem, "wrong".toCharArray()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("wrong password");
        assertThatThrownBy(() -> Pem.readPrivateKey("key", pem, null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("give its password");
    }

    @Test
    void certificatesAndChainsRoundTripInOrder() {
        TestPki pki = TestPki.root("Pem Root");
        X509Certificate root = pki.certificate();
        X509Certificate leaf = pki.leaf("a.test").certificate();
        assertThat(Pem.readCertificates("chain", Pem.encode(List.of(leaf, root)))).containsExactly(leaf, root);
    }

    /** Inkan writes PEM text itself (BC's writer allocates 16 KB per call): byte for byte what BC's JcaPEMWriter writes. */
    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"EC_P256", "RSA_2048", "ED25519"})
    void pemTextIsExactlyWhatBouncyCastlesWriterWrites(KeyType type) throws Exception {
        TestPki pki = TestPki.root("Pem Root " + type);
        X509Certificate root = pki.certificate();
        X509Certificate leaf = pki.leaf("a.test").certificate();
        KeyPair pair = type.generate();
        var csr = new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder(
                new org.bouncycastle.asn1.x500.X500Name("CN=a.test"), pair.getPublic())
                .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder(
                        type == KeyType.RSA_2048 ? "SHA256withRSA" : type == KeyType.ED25519 ? "Ed25519" : "SHA256withECDSA")
                        .build(pair.getPrivate()));
        byte[] crl = {0x30, 0x03, 0x02, 0x01, 0x05}; // any DER: the label and the base64 lines are what is compared

        assertThat(Pem.encode(List.of(leaf, root))).isEqualTo(bouncyCastle(leaf, root));
        assertThat(Pem.encode(root)).isEqualTo(bouncyCastle(root));
        assertThat(Pem.encode(pair.getPrivate())).isEqualTo(bouncyCastle(
                new org.bouncycastle.util.io.pem.PemObject("PRIVATE KEY", pair.getPrivate().getEncoded())));
        assertThat(Pem.encode(csr)).isEqualTo(bouncyCastle(csr));
        assertThat(Pem.encodeCrl(crl)).isEqualTo(bouncyCastle(new org.bouncycastle.util.io.pem.PemObject("X509 CRL", crl)));
        String encrypted = Pem.encodeEncrypted(pair.getPrivate(), "correct horse".toCharArray());
        var block = new org.bouncycastle.util.io.pem.PemReader(new java.io.StringReader(encrypted)).readPemObject();
        assertThat(encrypted).isEqualTo(bouncyCastle(block));
    }

    private static String bouncyCastle(Object... objects) throws java.io.IOException {
        java.io.StringWriter out = new java.io.StringWriter();
        try (var writer = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(out)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        }
        return out.toString();
    }

    @Test
    void textWithoutAPemBlockIsRefusedNamingTheField() {
        assertThatThrownBy(() -> Pem.readCertificates("CA_CERT", "hello")).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((RequestRejectedException) e).field(Field::name)).isEqualTo("CA_CERT"));
        assertThatThrownBy(() -> Pem.readPrivateKey("CA_KEY", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", null))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Pem.readPrivateKey("CA_KEY", "", null)).isInstanceOf(InvalidInputException.class);
    }
}
