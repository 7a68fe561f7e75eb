package dev.inkan.acme;

import dev.inkan.engine.ConflictException;
import dev.inkan.engine.Pem;
import dev.inkan.engine.RequestRejectedException;
import dev.inkan.issuance.CertificateRecords;
import dev.inkan.issuance.CertificateRevocation;
import dev.inkan.issuance.PemFile;
import dev.inkan.issuance.RevocationReason;
import dev.inkan.issuance.RevocationRequest;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * revokeCert (RFC 8555 §7.6) for what this directory issued over ACME, through the revocation every other path uses.
 */
@Service
public record AcmeRevocation(AcmeDirectory directory, OrderStore orders, CertificateRecords records, CertificateRevocation revocation) {

    /** revokeCert (RFC 8555 §7.6): signed by the account that ordered it, or by the certificate's own key. */
    public AcmeResponse revoke(AcmeUrls urls, SignedRequest request) {
        directory.requireEnabled(urls);
        byte[] der = request.der("certificate");
        X509Certificate presented;
        try {
            presented = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (java.security.cert.CertificateException | RuntimeException e) {
            throw new AcmeProblem(AcmeError.MALFORMED, "\"certificate\" is not a DER certificate in base64url");
        }
        // Only what this directory issued over ACME: a certificate made in the UI or API has no ACME account or key
        // binding to judge the request by (RFC 8555 §7.6 "unauthorized"); its owner revokes it there.
        AcmeOrder order = orders.orderOfSerial(urls.caId(), presented.getSerialNumber().toString(16))
                .orElseThrow(AcmeRevocation::notIssuedHere);
        X509Certificate stored = Pem.readCertificates("certificate", records.pem(order.certificateId(), PemFile.CERT)).get(0);
        if (!stored.equals(presented)) {
            throw notIssuedHere();
        }
        if (request.account() != null ? request.account().id() != order.accountId()
                : !request.jwk().getPublicKey().equals(stored.getPublicKey())) {
            throw new AcmeProblem(AcmeError.UNAUTHORIZED,
                    "sign revokeCert with the account that ordered the certificate or with the certificate's own key");
        }
        RevocationReason reason;
        try {
            Object code = request.payload().get("reason");
            reason = RevocationReason.parse("reason", code == null ? null : String.valueOf(code));
        } catch (RequestRejectedException e) {
            throw new AcmeProblem(AcmeError.BAD_REVOCATION_REASON, e.getMessage());
        }
        String actor = request.account() != null ? "acme account " + request.account().id() : "acme certificate key";
        try {
            revocation.revoke(order.certificateId(), new RevocationRequest(reason.id()), actor);
        } catch (ConflictException e) {
            throw new AcmeProblem(AcmeError.ALREADY_REVOKED, "the certificate is already revoked");
        }
        return AcmeResponse.json(200, Map.of());
    }

    private static AcmeProblem notIssuedHere() {
        return new AcmeProblem(AcmeError.UNAUTHORIZED, "this directory did not issue that certificate over ACME; revoke certificates issued"
                + " in Inkan's UI or REST API there (POST /api/v1/certificates/{id}/revoke)");
    }
}
