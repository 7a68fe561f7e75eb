package dev.inkan.acme;

import java.time.Instant;

/**
 * An External Account Binding key (RFC 8555 §7.3.4) as lists show it: never the HMAC key, which is shown once.
 *
 * @param accountId the account bound with it; a key binds one account
 */
public record EabKey(String kid, long caId, String label, Instant createdAt, Instant revokedAt, Long accountId) {

    /** A new key: the only time the HMAC key (base64url) is shown. */
    public record Created(String kid, String hmacKey, String label) {}
}
