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

    private final String type;
    private final int status;
    private final Map<String, Object> extra = new LinkedHashMap<>();

    public AcmeProblem(String type, int status, String detail) {
        super(detail);
        this.type = type;
        this.status = status;
    }

    public static AcmeProblem malformed(String detail) {
        return new AcmeProblem("malformed", 400, detail);
    }

    public static AcmeProblem unauthorized(String detail) {
        return new AcmeProblem("unauthorized", 403, detail);
    }

    public static AcmeProblem badNonce(String detail) {
        return new AcmeProblem("badNonce", 400, detail);
    }

    public static AcmeProblem notFound(String detail) {
        return new AcmeProblem("malformed", 404, detail);
    }

    public static AcmeProblem rejectedIdentifier(String detail) {
        return new AcmeProblem("rejectedIdentifier", 400, detail);
    }

    public static AcmeProblem orderNotReady(String detail) {
        return new AcmeProblem("orderNotReady", 403, detail);
    }

    public static AcmeProblem badCsr(String detail) {
        return new AcmeProblem("badCSR", 400, detail);
    }

    public static AcmeProblem badSignatureAlgorithm(String detail, List<String> supported) {
        AcmeProblem problem = new AcmeProblem("badSignatureAlgorithm", 400, detail);
        problem.extra.put("algorithms", supported);
        return problem;
    }

    /** The short type, e.g. {@code badNonce}. */
    public String type() {
        return type;
    }

    public int status() {
        return status;
    }

    /** The problem document's members. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", PREFIX + type);
        body.put("detail", getMessage());
        body.put("status", status);
        body.putAll(extra);
        return body;
    }
}
