package dev.inkan.engine;

/** A CA, certificate or file that does not exist (HTTP 404); the message says what to do. */
public final class NotFoundException extends RequestRejectedException {
    public NotFoundException(String field, String message) {
        super(field, message);
    }

    public NotFoundException(Input input, String message) {
        super(input, message);
    }
}
