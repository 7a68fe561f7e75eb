package dev.inkan.storage;

/**
 * The service must not start, for a reason the operator can fix: the message is one line saying what is
 * wrong and what to do, printed alone (no stack trace) before the process exits non-zero.
 */
public class StartRefusedException extends RuntimeException {

    public StartRefusedException(String message) {
        super(message);
    }

    public StartRefusedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The first refusal in a chain of causes, if any. */
    public static java.util.Optional<StartRefusedException> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StartRefusedException refused) {
                return java.util.Optional.of(refused);
            }
        }
        return java.util.Optional.empty();
    }
}
