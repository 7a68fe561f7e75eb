package dev.inkan.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/**
 * Where relying parties learn about revocation of a certificate an issuer signs: the CRL
 * distribution point (RFC 5280 §4.2.1.13) and the Authority Information Access with the OCSP
 * responder and the issuer's certificate (caIssuers, RFC 5280 §4.2.2.1). Each URL may be null,
 * and its extension is then left out.
 *
 * @param crl        an {@code http:} URL of the issuer's DER CRL
 * @param ocsp       an {@code http:} URL of the OCSP responder
 * @param caIssuers  an {@code http:} URL of the issuer's DER certificate
 */
public record RevocationUrls(String crl, String ocsp, String caIssuers) {

    /** No URLs: certificates carry neither a CRL distribution point nor an AIA. */
    public static final RevocationUrls NONE = new RevocationUrls(null, null, null);

    public boolean isEmpty() {
        return crl == null && ocsp == null && caIssuers == null;
    }

    /** The encoded extensions per set of URLs: a CA's URLs rarely change, and each leaf would encode them again. */
    private static final Map<RevocationUrls, List<Extension>> ENCODED = new ConcurrentHashMap<>();

    /** Adds the CRL distribution point and AIA extensions (both non-critical, RFC 5280 §4.2.1.13, §4.2.2.1). */
    public void addTo(X509v3CertificateBuilder builder) throws IOException {
        List<Extension> extensions = ENCODED.get(this);
        if (extensions == null) {
            if (ENCODED.size() > 1000) {
                ENCODED.clear(); // bounded: URLs come from settings, but a key must not grow without end
            }
            extensions = encode();
            ENCODED.put(this, extensions);
        }
        for (Extension extension : extensions) {
            builder.addExtension(extension);
        }
    }

    private List<Extension> encode() throws IOException {
        List<Extension> extensions = new ArrayList<>();
        if (crl != null) {
            extensions.add(new Extension(Extension.cRLDistributionPoints, false, distributionPoints(crl).getEncoded(ASN1Encoding.DER)));
        }
        List<AccessDescription> access = new ArrayList<>();
        if (ocsp != null) {
            access.add(new AccessDescription(X509ObjectIdentifiers.id_ad_ocsp, uri(ocsp)));
        }
        if (caIssuers != null) {
            access.add(new AccessDescription(X509ObjectIdentifiers.id_ad_caIssuers, uri(caIssuers)));
        }
        if (!access.isEmpty()) {
            extensions.add(new Extension(Extension.authorityInfoAccess, false,
                    new AuthorityInformationAccess(access.toArray(AccessDescription[]::new)).getEncoded(ASN1Encoding.DER)));
        }
        return List.copyOf(extensions);
    }

    /** A CRLDistPoint with one distribution point naming {@code url} (also the shape of Freshest CRL, RFC 5280 §5.2.6). */
    static CRLDistPoint distributionPoints(String url) {
        DistributionPointName name = new DistributionPointName(new GeneralNames(uri(url)));
        return new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(name, null, null)});
    }

    private static GeneralName uri(String url) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, url);
    }
}
