package dev.inkan.operations;

import dev.inkan.engine.InvalidInputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What a subscription can be told about; {@link #id()} is the name scripts and payloads use. */
public enum EventType {
    CERTIFICATE_ISSUED("certificate.issued"),
    CERTIFICATE_REVOKED("certificate.revoked"),
    CERTIFICATE_EXPIRING("certificate.expiring"),
    CERTIFICATE_EXPIRED("certificate.expired"),
    CA_EXPIRING("ca.expiring"),
    /** Sent only by "send test", whatever the subscription's events. */
    TEST("webhook.test");

    private final String id;

    EventType(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The type named {@code id}; TEST cannot be subscribed to. */
    public static EventType subscribable(String field, String id) {
        return Arrays.stream(values()).filter(t -> t != TEST && t.id.equals(id == null ? null : id.strip())).findFirst()
                .orElseThrow(() -> new InvalidInputException(field, "unknown event '" + InvalidInputException.abbreviate(id)
                        + "'; use " + subscribableIds()));
    }

    public static String subscribableIds() {
        return Arrays.stream(values()).filter(t -> t != TEST).map(EventType::id).collect(Collectors.joining(", "));
    }
}
