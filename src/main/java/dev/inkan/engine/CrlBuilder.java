package dev.inkan.engine;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.ContentSigner;

/**
 * Signs X.509 v2 CRLs (RFC 5280 §5) with a signer it is handed, never a key: authority key
 * identifier (§5.2.1), CRLNumber (§5.2.3), reason codes (§5.3.1) and invalidity dates (§5.3.2) per
 * entry, delta CRL indicator (§5.2.4) or Freshest CRL (§5.2.6). Stateless and thread-safe.
 */
public final class CrlBuilder {

    private CrlBuilder() {}

    /** The DER of the CRL {@code content} issued by {@code issuer}, signed by {@code signer} (the issuer's key). */
    public static byte[] build(X509Certificate issuer, CrlContent content, ContentSigner signer) {
        try {
            // §5.1.2.3: the issuer field equals the CA's subject byte for byte; v2 because extensions are present.
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    org.bouncycastle.asn1.x500.X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                    X509Time.of(content.thisUpdate()));
            builder.setNextUpdate(X509Time.of(content.nextUpdate()));
            for (CrlContent.Entry entry : content.entries()) {
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                if (entry.reasonCode() != CRLReason.unspecified) {
                    // §5.3.1: the reason code unspecified SHOULD be absent rather than present
                    extensions.addExtension(Extension.reasonCode, false, CRLReason.lookup(entry.reasonCode()));
                }
                if (entry.invalidityDate() != null) {
                    extensions.addExtension(Extension.invalidityDate, false,
                            new ASN1GeneralizedTime(Date.from(entry.invalidityDate())));
                }
                if (extensions.isEmpty()) {
                    builder.addCRLEntry(entry.serialNumber(), Date.from(entry.revokedAt()), CRLReason.unspecified);
                } else {
                    builder.addCRLEntry(entry.serialNumber(), Date.from(entry.revokedAt()), extensions.generate());
                }
            }
            builder.addExtension(Extension.authorityKeyIdentifier, false, CertificateIssuer.authorityKeyId(issuer));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(content.number()));
            if (content.isDelta()) {
                // §5.2.4: the delta CRL indicator is critical
                builder.addExtension(Extension.deltaCRLIndicator, true, new CRLNumber(content.deltaBase()));
            } else if (content.freshestCrl() != null) {
                builder.addExtension(Extension.freshestCRL, false, RevocationUrls.distributionPoints(content.freshestCrl()));
            }
            return builder.build(signer).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a CRL", e);
        }
    }
}
