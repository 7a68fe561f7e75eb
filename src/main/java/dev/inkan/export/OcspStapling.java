package dev.inkan.export;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;

/**
 * nginx's OCSP stapling lines for a certificate with an AIA OCSP URL (RFC 5280 §4.2.2.1): stapling
 * on, the staple verified against the full chain (nginx needs the issuer there), and a
 * {@code resolver} only when the responder is named by a host name (nginx resolves names at run time).
 */
final class OcspStapling {

    private OcspStapling() {}

    /** The AIA OCSP URL of {@code certificate}, if it has one. */
    static Optional<String> ocspUrl(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (value == null) {
            return Optional.empty();
        }
        AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(ASN1OctetString.getInstance(value).getOctets());
        for (AccessDescription description : aia.getAccessDescriptions()) {
            if (description.getAccessMethod().equals(X509ObjectIdentifiers.id_ad_ocsp)
                    && description.getAccessLocation().getTagNo() == GeneralName.uniformResourceIdentifier) {
                return Optional.of(description.getAccessLocation().getName().toString());
            }
        }
        return Optional.empty();
    }

    /** The ssl.conf lines, or a comment saying why there are none. */
    static String directives(X509Certificate certificate, String installDirectory) {
        Optional<String> url = ocspUrl(certificate);
        if (url.isEmpty()) {
            return "# No OCSP stapling: this certificate names no OCSP responder (issued before Inkan published one, or the CA leaves it out).";
        }
        String host = URI.create(url.get()).getHost();
        StringBuilder lines = new StringBuilder()
                .append("# OCSP stapling: nginx fetches the status from ").append(url.get())
                .append(" and sends it in the handshake (the first handshake after a start has none yet).\n")
                .append("ssl_stapling on;\n")
                .append("ssl_stapling_verify on;\n")
                .append("ssl_trusted_certificate ").append(installDirectory).append("/fullchain.pem;");
        boolean literal = host == null || host.startsWith("[") || host.matches("[0-9.]+");
        if (!literal) {
            lines.append("\n# nginx resolves ").append(host).append(" itself: name the DNS server that knows it.\n")
                    .append("resolver 127.0.0.53 valid=300s;");
        }
        return lines.toString();
    }
}
