package dev.inkan.authority;

import java.time.Instant;
import java.util.Optional;

/**
 * Which CA certificates were revoked, as the module that revokes them knows it. A revoked CA signs
 * nothing new (RFC 5280 §6.1.3: every certificate below it would fail path validation); without an
 * implementation in the application, no CA counts as revoked.
 */
public interface RevokedAuthorities {

    /** When and why CA {@code caId}'s certificate was revoked. */
    record Revoked(Instant revokedAt, String reason) {}

    /** The revocation of CA {@code caId}'s own certificate; empty while it stands. */
    Optional<Revoked> revocationOf(long caId);
}
