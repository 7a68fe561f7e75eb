package dev.inkan.operations;

import dev.inkan.engine.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a subscription can be told about; {@link #id()} is the name scripts and payloads use. */
public enum EventType {
    CERTIFICATE_ISSUED, CERTIFICATE_REVOKED, CERTIFICATE_EXPIRING, CERTIFICATE_EXPIRED, CA_EXPIRING,
    /** Sent only by "send test", whatever the subscription's events. */
    TEST;

    /** {@code <subject>.<what happened>}: {@code certificate.issued} ... {@code ca.expiring}, and {@code webhook.test}. */
    public String id() {
        return this == TEST ? "webhook.test" : name().toLowerCase(Locale.ROOT).replaceFirst("_", ".");
    }

    /** The type named {@code id}; TEST cannot be subscribed to. */
    public static EventType subscribable(String field, String id) {
        return Arrays.stream(values()).filter(t -> t != TEST && t.id().equals(id == null ? null : id.strip())).findFirst()
                .orElseThrow(() -> new InvalidInputException(field, "unknown event '" + InvalidInputException.abbreviate(id)
                        + "'; use " + subscribableIds()));
    }

    public static String subscribableIds() {
        return Arrays.stream(values()).filter(t -> t != TEST).map(EventType::id).collect(Collectors.joining(", "));
    }
}
