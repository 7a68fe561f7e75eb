package dev.inkan.authority;

import java.util.Optional;

/**
 * Which CA certificates were revoked, as the module that revokes them knows it. A revoked CA signs
 * nothing new (RFC 5280 §6.1.3: every certificate below it would fail path validation); without an
 * implementation in the application, no CA counts as revoked.
 */
public interface RevokedAuthorities {

    /** The revocation of CA {@code caId}'s own certificate; empty while it stands. */
    Optional<CaRevocation> revocationOf(long caId);
}
