package dev.inkan.acme;

/**
 * The ACME error types Inkan answers with (RFC 8555 §6.7, {@code urn:ietf:params:acme:error:*}) and the HTTP status each
 * usually goes with; an {@link AcmeProblem} names one.
 */
public enum AcmeError {
    ACCOUNT_DOES_NOT_EXIST("accountDoesNotExist", 400),
    ALREADY_REVOKED("alreadyRevoked", 400),
    BAD_CSR("badCSR", 400),
    BAD_NONCE("badNonce", 400),
    BAD_PUBLIC_KEY("badPublicKey", 400),
    BAD_REVOCATION_REASON("badRevocationReason", 400),
    BAD_SIGNATURE_ALGORITHM("badSignatureAlgorithm", 400),
    CONNECTION("connection", 400),
    DNS("dns", 400),
    EXTERNAL_ACCOUNT_REQUIRED("externalAccountRequired", 400),
    INCORRECT_RESPONSE("incorrectResponse", 403),
    INVALID_CONTACT("invalidContact", 400),
    MALFORMED("malformed", 400),
    ORDER_NOT_READY("orderNotReady", 403),
    RATE_LIMITED("rateLimited", 503),
    REJECTED_IDENTIFIER("rejectedIdentifier", 400),
    SERVER_INTERNAL("serverInternal", 500),
    TLS("tls", 400),
    UNAUTHORIZED("unauthorized", 403),
    UNSUPPORTED_CONTACT("unsupportedContact", 400),
    UNSUPPORTED_IDENTIFIER("unsupportedIdentifier", 400);

    private final String id;
    private final int status;

    AcmeError(String id, int status) {
        this.id = id;
        this.status = status;
    }

    /** The short type, e.g. {@code badNonce}; the problem's {@code type} is {@link AcmeProblem#PREFIX} + it. */
    public String id() {
        return id;
    }

    public int status() {
        return status;
    }
}
