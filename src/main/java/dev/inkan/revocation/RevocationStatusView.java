package dev.inkan.revocation;

import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.engine.Pem;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.springframework.stereotype.Component;

/**
 * What the certificate page says about revocation: the status the OCSP responder gives right now
 * (asked through the responder itself, as a client would), where the revocation is published, and
 * whether the certificate predates the CRL/OCSP URLs (then clients cannot find out about it).
 */
@Component
public record RevocationStatusView(OcspResponder responder, CrlPublisher crls, CertificateAuthorityService authorities) {

    /**
     * @param ocspStatus   {@code good}, {@code revoked} or {@code unknown}, as the responder answers now
     * @param hasCrlUrl    whether the certificate carries a CRL distribution point
     * @param hasOcspUrl   whether it carries an AIA with an OCSP URL
     */
    public record View(String ocspStatus, Instant producedAt, Instant nextUpdate, boolean hasCrlUrl, boolean hasOcspUrl,
                       CrlInfo crl) {
        /** Issued before Inkan put revocation URLs into certificates (or with the CA's switches off). */
        public boolean predatesUrls() {
            return !hasCrlUrl && !hasOcspUrl;
        }
    }

    public View of(long caId, String certificatePem) {
        X509Certificate certificate = Pem.readCertificates("certificatePem", certificatePem).get(0);
        X509Certificate issuer = authorities.forIssuing(caId).authority().certificate();
        String status;
        Instant producedAt = null;
        Instant nextUpdate = null;
        try {
            CertificateID id = new CertificateID(new BcDigestCalculatorProvider().get(CertificateID.HASH_SHA1),
                    new X509CertificateHolder(issuer.getEncoded()), certificate.getSerialNumber());
            OCSPResp response = new OCSPResp(responder.answer(new OCSPReqBuilder().addRequest(id).build().getEncoded()).body());
            BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
            var single = basic.getResponses()[0];
            var certStatus = single.getCertStatus();
            status = certStatus == null ? "good" : certStatus instanceof RevokedStatus ? "revoked"
                    : certStatus instanceof UnknownStatus ? "unknown" : "unknown";
            producedAt = basic.getProducedAt().toInstant();
            nextUpdate = single.getNextUpdate() == null ? null : single.getNextUpdate().toInstant();
        } catch (Exception e) {
            status = "unavailable (" + e.getMessage() + ")";
        }
        return new View(status, producedAt, nextUpdate,
                certificate.getExtensionValue(Extension.cRLDistributionPoints.getId()) != null,
                certificate.getExtensionValue(Extension.authorityInfoAccess.getId()) != null, crls.info(caId));
    }
}
