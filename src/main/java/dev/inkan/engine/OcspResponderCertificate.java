package dev.inkan.engine;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/**
 * The certificate of a delegated OCSP responder (RFC 6960 §4.2.2.2): issued by the CA whose
 * certificates it answers for, with extendedKeyUsage id-kp-OCSPSigning and id-pkix-ocsp-nocheck
 * (§4.2.2.2.1, so clients do not ask about the responder itself), short-lived for that reason.
 */
public final class OcspResponderCertificate {

    private OcspResponderCertificate() {}

    public static X509Certificate issue(PublicKey responderKey, IssuingAuthority ca, Instant now, Duration validity) {
        SubjectPublicKeyInfo key = SubjectPublicKeyInfo.getInstance(responderKey.getEncoded());
        String caName = ca.certificate().getSubjectX500Principal().getName();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "OCSP responder").build();
        Instant end = now.plus(validity);
        Instant caEnd = ca.certificate().getNotAfter().toInstant();
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(CertificateIssuer.issuerName(ca), SerialNumbers.next(),
                CertificateIssuer.notBefore(now), X509Time.of(end.isAfter(caEnd) ? caEnd : end), subject, key);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
            builder.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
            builder.addExtension(Extension.subjectKeyIdentifier, false, CertificateIssuer.subjectKeyIdentifier(key));
            builder.addExtension(Extension.authorityKeyIdentifier, false, CertificateIssuer.authorityKeyId(ca));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode an extension", e);
        }
        return CertificateIssuer.sign(builder, ca.newSigner());
    }
}
