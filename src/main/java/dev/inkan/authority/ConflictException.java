package dev.inkan.authority;

/** A request that contradicts the current state (HTTP 409): revoking twice, importing a CA already held. */
public final class ConflictException extends RuntimeException {
    private final String field;

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
