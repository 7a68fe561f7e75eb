package dev.inkan.acme;

/**
 * The ACME error types Inkan answers with (RFC 8555 §6.7, {@code urn:ietf:params:acme:error:*}) and the HTTP status each
 * usually goes with; an {@link AcmeProblem} names one.
 *
 * @param id     the short type, e.g. {@code badNonce}; the problem's {@code type} is {@link AcmeProblem#PREFIX} + it
 * @param status the HTTP status it usually goes with
 */
public record AcmeError(String id, int status) {
    public static final AcmeError ACCOUNT_DOES_NOT_EXIST = new AcmeError("accountDoesNotExist", 400);
    public static final AcmeError ALREADY_REVOKED = new AcmeError("alreadyRevoked", 400);
    public static final AcmeError BAD_CSR = new AcmeError("badCSR", 400);
    public static final AcmeError BAD_NONCE = new AcmeError("badNonce", 400);
    public static final AcmeError BAD_PUBLIC_KEY = new AcmeError("badPublicKey", 400);
    public static final AcmeError BAD_REVOCATION_REASON = new AcmeError("badRevocationReason", 400);
    public static final AcmeError BAD_SIGNATURE_ALGORITHM = new AcmeError("badSignatureAlgorithm", 400);
    public static final AcmeError CONNECTION = new AcmeError("connection", 400);
    public static final AcmeError DNS = new AcmeError("dns", 400);
    public static final AcmeError EXTERNAL_ACCOUNT_REQUIRED = new AcmeError("externalAccountRequired", 400);
    public static final AcmeError INCORRECT_RESPONSE = new AcmeError("incorrectResponse", 403);
    public static final AcmeError INVALID_CONTACT = new AcmeError("invalidContact", 400);
    public static final AcmeError MALFORMED = new AcmeError("malformed", 400);
    public static final AcmeError ORDER_NOT_READY = new AcmeError("orderNotReady", 403);
    public static final AcmeError RATE_LIMITED = new AcmeError("rateLimited", 503);
    public static final AcmeError REJECTED_IDENTIFIER = new AcmeError("rejectedIdentifier", 400);
    public static final AcmeError SERVER_INTERNAL = new AcmeError("serverInternal", 500);
    public static final AcmeError TLS = new AcmeError("tls", 400);
    public static final AcmeError UNAUTHORIZED = new AcmeError("unauthorized", 403);
    public static final AcmeError UNSUPPORTED_CONTACT = new AcmeError("unsupportedContact", 400);
    public static final AcmeError UNSUPPORTED_IDENTIFIER = new AcmeError("unsupportedIdentifier", 400);

}
