package dev.inkan.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

/** PKCS#10 requests (RFC 2986): proof of possession, and no CA rights through a CSR. */
class SigningRequestTests {

    @Test
    void aCsrOfTheEngineParsesBackWithItsNamesAndKey() {
        KeyPair pair = KeyType.EC_P256.generate();
        LeafSpec spec = LeafSpec.of("app.test", List.of("www.app.test"), List.of("10.0.0.1"), CertificateProfile.SERVER, 30);
        SigningRequest request = SigningRequest.parse("csr", Pem.encode(SigningRequest.create(pair, spec)));
        assertThat(request.commonName()).isEqualTo("app.test");
        assertThat(request.dnsNames()).containsExactly("app.test", "www.app.test");
        assertThat(request.ipAddresses()).containsExactly("10.0.0.1");
        assertThat(request.publicKey()).isEqualTo(pair.getPublic());
        assertThat(request.keyType()).isEqualTo(KeyType.EC_P256);
    }

    @Test
    void aCsrWhosePublicKeyWasSwappedFailsItsSignatureCheck() throws Exception {
        KeyPair signer = KeyType.EC_P256.generate();
        KeyPair other = KeyType.EC_P256.generate();
        PKCS10CertificationRequest genuine = SigningRequest.create(signer,
                LeafSpec.of("app.test", List.of(), List.of(), CertificateProfile.SERVER, 30));
        // Forge: keep the signature, put another public key in the request info.
        var info = genuine.toASN1Structure().getCertificationRequestInfo();
        var forgedInfo = new org.bouncycastle.asn1.pkcs.CertificationRequestInfo(info.getSubject(),
                org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(other.getPublic().getEncoded()), info.getAttributes());
        var forged = new PKCS10CertificationRequest(new org.bouncycastle.asn1.pkcs.CertificationRequest(forgedInfo,
                genuine.getSignatureAlgorithm(), genuine.toASN1Structure().getSignature()).getEncoded());

        assertThatThrownBy(() -> SigningRequest.parse("csr", Pem.encode(forged)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("does not verify");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = KeyType.class, names = {"EC_P256", "EC_P384", "RSA_2048", "ED25519"})
    void aCsrIsAcceptedWithItsGenuineSignatureAndRefusedWithOneBitOfItChanged(KeyType type) throws Exception {
        KeyPair pair = type.generate();
        PKCS10CertificationRequest genuine = SigningRequest.create(pair,
                LeafSpec.of("app.test", List.of(), List.of(), CertificateProfile.CLIENT, 30));
        assertThat(SigningRequest.signatureVerifies(genuine, pair.getPublic())).isTrue();

        byte[] signature = genuine.getSignature();
        signature[signature.length / 2] ^= 0x01;
        var altered = new PKCS10CertificationRequest(new org.bouncycastle.asn1.pkcs.CertificationRequest(
                genuine.toASN1Structure().getCertificationRequestInfo(), genuine.getSignatureAlgorithm(),
                new org.bouncycastle.asn1.DERBitString(signature)).getEncoded());
        assertThatThrownBy(() -> SigningRequest.parse("csr", Pem.encode(altered)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("signature");
    }

    @Test
    void aCsrAskingForCaRightsIsRefused() throws Exception {
        KeyPair pair = KeyType.EC_P256.generate();
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=evil-ca"), pair.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                .build(IssuingAuthority.signer(KeyType.EC_P256, pair.getPrivate()));

        assertThatThrownBy(() -> SigningRequest.parse("csr", Pem.encode(request)))
                .isInstanceOf(PolicyViolationException.class).hasMessageContaining("CA rights");
    }

    @Test
    void anOversizedOrEmptyCsrIsRefusedBeforeParsing() {
        assertThatThrownBy(() -> SigningRequest.parse("csr", "x".repeat(SigningRequest.MAX_PEM_LENGTH + 1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at most");
        assertThatThrownBy(() -> SigningRequest.parse("csr", " ")).isInstanceOf(InvalidInputException.class);
    }
}
