package dev.inkan.engine;

/**
 * Well-formed input that policy refuses: validity over the Apple limit, a wildcard over a public
 * suffix, a name outside the CA's name constraints, a CSR asking for CA rights.
 */
public final class PolicyViolationException extends RequestRejectedException {
    public PolicyViolationException(String field, String message) {
        super(field, message);
    }

    public PolicyViolationException(Input input, String message) {
        super(input, message);
    }
}
