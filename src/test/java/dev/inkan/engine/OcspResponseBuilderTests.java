package dev.inkan.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;

/** The engine's OCSP request reader and response builder, checked with Bouncy Castle's parser (the CLI tools check the service). */
class OcspResponseBuilderTests {

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final KeyPair CA_KEY = KeyType.EC_P256.generate();
    static final X509Certificate CA_CERT = CertificateIssuer.selfSignedRoot(CaSpec.root("OCSP Test Root", 365), CA_KEY, NOW);
    static final IssuingAuthority CA = IssuingAuthority.of(List.of(CA_CERT), CA_KEY.getPrivate());

    static byte[] request(BigInteger serial, byte[] nonce) throws Exception {
        CertificateID id = new CertificateID(new BcDigestCalculatorProvider().get(CertificateID.HASH_SHA1),
                new X509CertificateHolder(CA_CERT.getEncoded()), serial);
        OCSPReqBuilder builder = new OCSPReqBuilder().addRequest(id);
        if (nonce != null) {
            builder.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                    new DEROctetString(new DEROctetString(nonce)))));
        }
        return builder.build().getEncoded();
    }

    @Test
    void revokedAnswerSignedByTheCaCarriesTimeReasonAndTheEchoedNonce() throws Exception {
        OcspQuery query = OcspQuery.read(request(BigInteger.TEN, new byte[16]));
        byte[] der = OcspResponseBuilder.successful(List.of(OcspAnswer.revoked(query.certificates().get(0), NOW, 1)), CA_CERT, false,
                CA.newSigner(), NOW, NOW, NOW.plus(Duration.ofDays(1)), query.nonce());
        OCSPResp response = new OCSPResp(der);
        assertThat(response.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
        assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(CA_CERT.getPublicKey()))).isTrue();
        RevokedStatus status = (RevokedStatus) basic.getResponses()[0].getCertStatus();
        assertThat(status.getRevocationReason()).isEqualTo(1);
        assertThat(status.getRevocationTime().toInstant()).isEqualTo(NOW);
        assertThat(basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue().getOctets())
                .isEqualTo(new DEROctetString(new byte[16]).getEncoded());
    }

    @Test
    void delegatedResponderCertificateHasOcspSigningAndNoCheckAndSignsTheResponse() throws Exception {
        KeyPair responderKey = KeyType.EC_P256.generate();
        X509Certificate responder = OcspResponderCertificate.issue(responderKey.getPublic(), CA, NOW, Duration.ofDays(30));
        assertThat(responder.getExtendedKeyUsage()).containsExactly(KeyPurposeId.id_kp_OCSPSigning.getId());
        assertThat(responder.getExtensionValue(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck.getId())).isNotNull();
        responder.verify(CA_CERT.getPublicKey());
        OcspQuery query = OcspQuery.read(request(BigInteger.TWO, null));
        byte[] der = OcspResponseBuilder.successful(List.of(OcspAnswer.good(query.certificates().get(0))), responder, true,
                IssuingAuthority.signer(KeyType.EC_P256, responderKey.getPrivate()), NOW, NOW, NOW.plus(Duration.ofHours(1)), null);
        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(der).getResponseObject();
        assertThat(basic.getCerts()).hasSize(1);
        assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(responder.getPublicKey()))).isTrue();
    }

    @Test
    void garbageEmptyHugeAndLongNoncesAreMalformed() throws Exception {
        assertThatThrownBy(() -> OcspQuery.read(new byte[] {0x30, 0x03, 1, 2, 3})).isInstanceOf(OcspQuery.Malformed.class);
        assertThatThrownBy(() -> OcspQuery.read(new byte[0])).isInstanceOf(OcspQuery.Malformed.class);
        assertThatThrownBy(() -> OcspQuery.read(new byte[OcspQuery.MAX_BYTES + 1])).isInstanceOf(OcspQuery.Malformed.class);
        assertThatThrownBy(() -> OcspQuery.read(request(BigInteger.ONE, new byte[33]))).isInstanceOf(OcspQuery.Malformed.class)
                .hasMessageContaining("RFC 8954");
        assertThat(OcspQuery.read(request(BigInteger.ONE, new byte[32])).cacheable()).isFalse();
        assertThat(OcspQuery.read(request(BigInteger.ONE, null)).cacheable()).isTrue();
    }

    @Test
    void errorResponsesCarryTheirStatusAndNoSignature() throws Exception {
        assertThat(new OCSPResp(OcspResponseBuilder.error(OcspResponseBuilder.Error.MALFORMED_REQUEST)).getStatus())
                .isEqualTo(OCSPResp.MALFORMED_REQUEST);
        assertThat(new OCSPResp(OcspResponseBuilder.error(OcspResponseBuilder.Error.UNAUTHORIZED)).getStatus())
                .isEqualTo(OCSPResp.UNAUTHORIZED);
    }
}
