package dev.inkan.engine;

/**
 * The one root of every refusal, naming the input at fault ({@link #field()}) and saying what to do
 * instead: {@link InvalidInputException} (malformed, 400), {@link PolicyViolationException}
 * (well-formed but not allowed, 422), {@link NotFoundException} (404) and {@link ConflictException}
 * (contradicts the current state, 409). Front ends map the four once (problem+json, error pages, exit 1).
 */
public abstract sealed class RequestRejectedException extends RuntimeException
        permits InvalidInputException, PolicyViolationException, NotFoundException, ConflictException {

    private final Input input;

    protected RequestRejectedException(Input input, String message) {
        super(message);
        this.input = input;
    }

    /** A refusal of an input the caller names itself (modules above the engine name their own request fields). */
    protected RequestRejectedException(String field, String message) {
        this(Input.named(field), message);
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

    /**
     * The input at fault in a front end's words: an engine {@link Field} through that front end's one mapping
     * ({@code names}), or the name the caller gave. This is the only way to read it.
     */
    public String field(java.util.function.Function<Field, String> names) {
        return input instanceof Field field ? names.apply(field) : ((Input.Named) input).name();
    }
}
