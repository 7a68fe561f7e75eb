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

    /** Rejected input as it is quoted in a message: one line, control characters as '?', at most 60 characters. */
    public static String abbreviate(String text) {
        return abbreviate(text, 60);
    }

    /** Rejected input as it is quoted in a message, at most {@code max} characters. */
    public static String abbreviate(String text, int max) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 3) + "...";
    }

    /** The request field (API), form field (UI) or variable (one-shot) at fault. */
    public String field() {
        return field;
    }
}
