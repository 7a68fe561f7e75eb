package dev.inkan.issuance;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.inkan.engine.RequestRejectedException;
import dev.inkan.engine.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where a certificate stands, in four disjoint states: revoked wins; otherwise expired after
 * notAfter; expiring within {@link #EXPIRING_WINDOW} of it; valid before that.
 */
public enum CertificateStatus {
    VALID, EXPIRING, EXPIRED, REVOKED;

    /** "Expiring" means within 30 days of notAfter: the renewal window of most tooling (certbot renews at 30 days). */
    public static final Duration EXPIRING_WINDOW = Duration.ofDays(30);

    public static CertificateStatus of(boolean revoked, Instant notAfter, Instant now) {
        if (revoked) {
            return REVOKED;
        }
        if (!notAfter.isAfter(now)) {
            return EXPIRED;
        }
        return notAfter.isAfter(now.plus(EXPIRING_WINDOW)) ? VALID : EXPIRING;
    }

    /** The name in the API and the UI: {@code valid}, {@code expiring}, {@code expired}, {@code revoked}. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the certificate was revoked (final: RFC 5280 §5.3.1 without certificateHold). */
    public boolean isRevoked() {
        return this == REVOKED;
    }

    public static CertificateStatus parse(String field, String text) {
        for (CertificateStatus status : values()) {
            if (status.id().equalsIgnoreCase(text.strip())) {
                return status;
            }
        }
        throw new InvalidInputException(field, "unknown status '" + RequestRejectedException.abbreviate(text) + "'; use one of "
                + Arrays.stream(values()).map(CertificateStatus::id).collect(Collectors.joining(", ")));
    }
}
