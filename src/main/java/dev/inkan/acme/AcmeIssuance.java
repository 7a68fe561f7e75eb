package dev.inkan.acme;

import dev.inkan.engine.ConflictException;
import dev.inkan.engine.RequestRejectedException;
import dev.inkan.engine.SubjectAltNames;
import dev.inkan.issuance.CertificateRecords;
import dev.inkan.issuance.CertificateRevocation;
import dev.inkan.issuance.CsrIssuanceRequest;
import dev.inkan.issuance.IssuanceService;
import dev.inkan.issuance.IssuedCertificate;
import dev.inkan.issuance.PemFile;
import dev.inkan.issuance.RevocationReason;
import dev.inkan.issuance.RevocationRequest;
import dev.inkan.engine.Pem;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * The issuing end of ACME: finalize an order with its CSR (RFC 8555 §7.4; signed by the issuance service with
 * the CSR checks every other path uses), download the PEM chain (§7.4.2), revoke by account or certificate key (§7.6).
 */
@Service
public class AcmeIssuance {

    private final AcmeOrders acmeOrders;
    private final OrderStore orders;
    private final AcmeDirectory directory;
    private final IssuanceService issuance;
    private final CertificateRecords records;
    private final CertificateRevocation revocation;

    AcmeIssuance(AcmeOrders acmeOrders, OrderStore orders, AcmeDirectory directory, IssuanceService issuance, CertificateRecords records,
                 CertificateRevocation revocation) {
        this.acmeOrders = acmeOrders;
        this.orders = orders;
        this.directory = directory;
        this.issuance = issuance;
        this.records = records;
        this.revocation = revocation;
    }

    public AcmeResponse finalizeOrder(AcmeUrls urls, SignedRequest request, long id) {
        DirectorySettings settings = directory.requireEnabled(urls);
        AcmeOrder order = acmeOrders.refresh(acmeOrders.owned(request, id));
        if (order.status() != AcmeStatus.READY) {
            throw new AcmeProblem(AcmeError.ORDER_NOT_READY, "the order is " + order.status().id() + "; finalize it when it is ready"
                    + " (every authorization valid), and only once");
        }
        byte[] der = base64url(request.payload().get("csr"), "csr");
        CsrIssuanceRequest csr = CsrIssuanceRequest.fromBody(der, "server", settings.certificateDays(), urls.caId());
        CsrIssuanceRequest.Valid valid;
        try {
            valid = csr.validate();
        } catch (RequestRejectedException e) {
            throw new AcmeProblem(AcmeError.BAD_CSR, e.getMessage());
        }
        if (valid.request().publicKey().equals(request.jwk().getPublicKey())) {
            throw new AcmeProblem(AcmeError.BAD_CSR, "the CSR's key is the account key; use a separate key for the certificate (RFC 8555 §11.1)");
        }
        Set<String> asked = new HashSet<>();
        valid.spec().names().names().forEach(n -> asked.add(n.kind() == SubjectAltNames.Kind.IP ? "ip:" + n.value() : "dns:" + n.value()));
        Set<String> ordered = new HashSet<>();
        order.identifiers().forEach(i -> ordered.add(i.type() + ":" + i.value()));
        if (!asked.equals(ordered)) {
            List<String> extra = new ArrayList<>(asked);
            extra.removeAll(ordered);
            List<String> missing = new ArrayList<>(ordered);
            missing.removeAll(asked);
            throw new AcmeProblem(AcmeError.BAD_CSR,
                    "the CSR's names must be exactly the order's identifiers; not ordered: " + extra + ", missing: " + missing);
        }
        if (!orders.orderStatus(id, AcmeStatus.READY, AcmeStatus.PROCESSING, null)) {
            throw new AcmeProblem(AcmeError.ORDER_NOT_READY, "the order is being finalized by another request");
        }
        IssuedCertificate issued;
        try {
            issued = issuance.signCsr(csr, "acme account " + order.accountId(), dev.inkan.issuance.CertificateOrigin.ACME);
        } catch (RuntimeException e) {
            orders.orderStatus(id, AcmeStatus.PROCESSING, AcmeStatus.READY, null);
            if (e instanceof ConflictException conflict) { // the directory's CA expired or was revoked: no CSR would help
                throw new AcmeProblem(AcmeError.UNAUTHORIZED, 409, conflict.getMessage());
            }
            if (e instanceof RequestRejectedException rejected) {
                throw new AcmeProblem(AcmeError.BAD_CSR, rejected.getMessage());
            }
            throw e;
        }
        orders.orderIssued(id, issued.id(), issued.serialNumber());
        return AcmeResponse.json(200, acmeOrders.orderView(urls, orders.order(id).orElseThrow())).at(urls.order(id));
    }

    /** The certificate and its issuers as PEM (RFC 8555 §7.4.2), for the account that ordered it. */
    public AcmeResponse certificate(AcmeUrls urls, SignedRequest request, long certificateId) {
        AcmeAccount account = request.requireAccount();
        AcmeOrder order = orders.orderOfCertificate(certificateId).orElseThrow(() -> new AcmeProblem(AcmeError.MALFORMED, 404,
                "no certificate " + certificateId));
        if (order.accountId() != account.id()) {
            throw new AcmeProblem(AcmeError.UNAUTHORIZED, "certificate " + certificateId + " belongs to another account");
        }
        return AcmeResponse.pemChain(records.pem(certificateId, PemFile.FULLCHAIN));
    }

    /** revokeCert (RFC 8555 §7.6): signed by the account that ordered it, or by the certificate's own key. */
    public AcmeResponse revoke(AcmeUrls urls, SignedRequest request) {
        directory.requireEnabled(urls);
        byte[] der = base64url(request.payload().get("certificate"), "certificate");
        X509Certificate presented;
        try {
            presented = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (java.security.cert.CertificateException | RuntimeException e) {
            throw new AcmeProblem(AcmeError.MALFORMED, "\"certificate\" is not a DER certificate in base64url");
        }
        // Only what this directory issued over ACME: a certificate made in the UI or API has no ACME account or key
        // binding to judge the request by (RFC 8555 §7.6 "unauthorized"); its owner revokes it there.
        AcmeOrder order = orders.orderOfSerial(urls.caId(), presented.getSerialNumber().toString(16))
                .orElseThrow(AcmeIssuance::notIssuedHere);
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

    private static byte[] base64url(Object member, String name) {
        if (!(member instanceof String text) || text.isEmpty()) {
            throw new AcmeProblem(AcmeError.MALFORMED, "\"" + name + "\" must be base64url DER");
        }
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new AcmeProblem(AcmeError.MALFORMED, "\"" + name + "\" is not base64url (RFC 8555 §7.4: no padding, URL alphabet)");
        }
    }
}
