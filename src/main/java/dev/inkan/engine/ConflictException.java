package dev.inkan.engine;

/** A request that contradicts the current state (HTTP 409): revoking twice, importing a CA already held, a key not stored. */
public final class ConflictException extends RequestRejectedException {
    public ConflictException(String field, String message) {
        super(field, message);
    }

    public ConflictException(Input input, String message) {
        super(input, message);
    }
}
