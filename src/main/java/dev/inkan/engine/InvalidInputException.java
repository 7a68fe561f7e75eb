package dev.inkan.engine;

/** Malformed input: a name that is not a host name, a PEM that does not parse, a bad number. */
public final class InvalidInputException extends RequestRejectedException {
    public InvalidInputException(String field, String message) {
        super(field, message);
    }

    public InvalidInputException(Input input, String message) {
        super(input, message);
    }
}
