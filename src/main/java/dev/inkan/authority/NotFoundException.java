package dev.inkan.authority;

/** A CA, certificate or stored key that does not exist (HTTP 404); the message says what to do. */
public final class NotFoundException extends RuntimeException {
    private final String field;

    public NotFoundException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field or path variable that named the missing thing. */
    public String field() {
        return field;
    }
}
