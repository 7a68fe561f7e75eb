package dev.inkan.acme;

import dev.inkan.engine.ConflictException;
import dev.inkan.engine.RequestRejectedException;
import dev.inkan.engine.SubjectAltNames;
import dev.inkan.issuance.CertificateRecords;
import dev.inkan.issuance.CsrIssuanceRequest;
import dev.inkan.issuance.IssuanceService;
import dev.inkan.issuance.IssuedCertificate;
import dev.inkan.issuance.PemFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * The issuing end of ACME: finalize an order with its CSR (RFC 8555 §7.4; signed by the issuance service with
 * the CSR checks every other path uses) and download the PEM chain (§7.4.2). Revocation is {@link AcmeRevocation}.
 */
@Service
public record AcmeIssuance(AcmeOrders acmeOrders, OrderStore orders, AcmeDirectory directory, IssuanceService issuance, CertificateRecords records) {

    public AcmeResponse finalizeOrder(AcmeUrls urls, SignedRequest request, long id) {
        DirectorySettings settings = directory.requireEnabled(urls);
        AcmeOrder order = acmeOrders.refresh(acmeOrders.owned(request, id));
        if (order.status() != AcmeStatus.READY) {
            throw new AcmeProblem(AcmeError.ORDER_NOT_READY, "the order is " + order.status().id() + "; finalize it when it is ready"
                    + " (every authorization valid), and only once");
        }
        byte[] der = request.der("csr");
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
}
