package dev.inkan.engine;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;

/**
 * Signs OCSP responses (RFC 6960 §4.2, RFC 5019 profile) with a signer it is handed, never a key:
 * by the CA itself or by a delegated responder whose certificate the CA issued
 * ({@link OcspResponderCertificate}). The responder is named by key hash (RFC 5019 §2.2.3); a
 * request's nonce is echoed (RFC 8954). Stateless and thread-safe.
 */
public final class OcspResponseBuilder {

    private OcspResponseBuilder() {}

    /**
     * A successful response with one SingleResponse per answer.
     *
     * @param responder   the certificate whose key signs: the CA's, or a delegated responder's
     * @param includeResponder whether to put {@code responder} into the response (needed when it is a delegated responder, §4.2.2.2)
     * @param nonce       the request's nonce extension value to echo, or null
     */
    public static byte[] successful(List<OcspAnswer> answers, X509Certificate responder, boolean includeResponder,
                                    ContentSigner signer, Instant producedAt, Instant thisUpdate, Instant nextUpdate, byte[] nonce) {
        try {
            SubjectPublicKeyInfo key = SubjectPublicKeyInfo.getInstance(responder.getPublicKey().getEncoded());
            BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(key,
                    new BcDigestCalculatorProvider().get(org.bouncycastle.cert.ocsp.RespID.HASH_SHA1));
            for (OcspAnswer answer : answers) {
                CertificateStatus status = switch (answer.status()) {
                    case GOOD -> CertificateStatus.GOOD;
                    case UNKNOWN -> new UnknownStatus();
                    case REVOKED -> answer.reasonCode() == CRLReason.unspecified
                            ? new RevokedStatus(Date.from(answer.revokedAt()))
                            : new RevokedStatus(Date.from(answer.revokedAt()), answer.reasonCode());
                };
                builder.addResponse(answer.certificate().id(), status, Date.from(thisUpdate), Date.from(nextUpdate));
            }
            if (nonce != null) {
                builder.setResponseExtensions(new Extensions(
                        new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(nonce))));
            }
            X509CertificateHolder[] chain = includeResponder
                    ? new X509CertificateHolder[] {new X509CertificateHolder(responder.getEncoded())}
                    : null;
            BasicOCSPResp basic = builder.build(signer, chain, Date.from(producedAt));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (OCSPException | OperatorCreationException | IOException | java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("cannot build an OCSP response", e);
        }
    }

    /** An unsigned error response (RFC 6960 §4.2.1): {@code malformedRequest}, {@code unauthorized}, {@code internalError}... */
    public static byte[] error(Error status) {
        try {
            return new OCSPRespBuilder().build(status.code, null).getEncoded();
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The unsuccessful OCSPResponseStatus values (RFC 6960 §4.2.1). */
    public enum Error {
        MALFORMED_REQUEST(OCSPResp.MALFORMED_REQUEST), INTERNAL_ERROR(OCSPResp.INTERNAL_ERROR),
        TRY_LATER(OCSPResp.TRY_LATER), UNAUTHORIZED(OCSPResp.UNAUTHORIZED);

        private final int code;

        Error(int code) {
            this.code = code;
        }
    }
}
