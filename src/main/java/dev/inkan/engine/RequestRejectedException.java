package dev.inkan.engine;

/**
 * A request the engine will not carry out, naming the input at fault ({@link #field()}) and
 * saying what to do instead. {@link InvalidInputException} means the input is malformed;
 * {@link PolicyViolationException} means it is well-formed but not allowed.
 */
public abstract sealed class RequestRejectedException extends RuntimeException
        permits InvalidInputException, PolicyViolationException {

    private final String field;

    protected RequestRejectedException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field (API), form field (UI) or variable (one-shot) at fault. */
    public String field() {
        return field;
    }
}
