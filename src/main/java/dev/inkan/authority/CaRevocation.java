package dev.inkan.authority;

import java.time.Instant;

/** A revoked CA certificate: which CA, when, and why (an RFC 5280 §5.3.1 reason name). */
public record CaRevocation(long caId, Instant revokedAt, String reason) {}
