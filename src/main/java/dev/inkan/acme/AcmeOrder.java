package dev.inkan.acme;

import java.time.Instant;
import java.util.List;

/**
 * An order (RFC 8555 §7.1.3) and what hangs off it: its authorizations and their challenges.
 *
 * @param error the problem JSON that made it invalid, if any
 */
public record AcmeOrder(long id, long accountId, AcmeStatus status, List<Identifier> identifiers, Instant expires, String error,
                        Long certificateId, String serialNumber, Instant createdAt) {

    /** An authorization (RFC 8555 §7.1.4) for one identifier; a wildcard's is for its base domain. */
    public record Authorization(long id, long orderId, Identifier identifier, boolean wildcard, AcmeStatus status, Instant expires) {}

    /** A challenge (RFC 8555 §8) of an authorization. */
    public record Challenge(long id, long authorizationId, ChallengeType type, String token, AcmeStatus status, Instant validated,
                            String error) {}
}
