package dev.inkan.acme;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ACME error (RFC 8555 §6.7): a {@code urn:ietf:params:acme:error:*} type, an HTTP status and a detail
 * that says what to do; answered as problem+json with a fresh nonce.
 */
public final class AcmeProblem extends RuntimeException {

    public static final String PREFIX = "urn:ietf:params:acme:error:";

    private final AcmeError type;
    private final int status;
    private final Map<String, Object> extra = new LinkedHashMap<>();

    /** A problem with the status its type usually goes with. */
    public AcmeProblem(AcmeError type, String detail) {
        this(type, type.status(), detail);
    }

    /** A problem whose HTTP status differs from its type's usual one (e.g. {@code malformed} as 404, 409, 413, 415). */
    public AcmeProblem(AcmeError type, int status, String detail) {
        super(detail);
        this.type = type;
        this.status = status;
    }

    /** RFC 8555 §6.2: the answer names the algorithms the server accepts. */
    public static AcmeProblem badSignatureAlgorithm(String detail, List<String> supported) {
        AcmeProblem problem = new AcmeProblem(AcmeError.BAD_SIGNATURE_ALGORITHM, detail);
        problem.extra.put("algorithms", supported);
        return problem;
    }

    /** The short type, e.g. {@code badNonce}. */
    public String type() {
        return type.id();
    }

    public int status() {
        return status;
    }

    /** The problem document's members. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", PREFIX + type.id());
        body.put("detail", getMessage());
        body.put("status", status);
        body.putAll(extra);
        return body;
    }
}
