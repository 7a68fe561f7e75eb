package dev.inkan.engine;

import java.time.Instant;

/**
 * The responder's word on one certificate (RFC 6960 §2.2): good, revoked with time and reason, or
 * unknown (the responder knows the issuer but not this serial).
 *
 * @param reasonCode the CRLReason code of a revoked certificate (0 = unspecified, then left out)
 */
public record OcspAnswer(OcspQuery.Certificate certificate, Status status, Instant revokedAt, int reasonCode) {

    /** RFC 6960 §2.2 certificate status values. */
    public enum Status { GOOD, REVOKED, UNKNOWN }

    public static OcspAnswer good(OcspQuery.Certificate certificate) {
        return new OcspAnswer(certificate, Status.GOOD, null, 0);
    }

    public static OcspAnswer unknown(OcspQuery.Certificate certificate) {
        return new OcspAnswer(certificate, Status.UNKNOWN, null, 0);
    }

    public static OcspAnswer revoked(OcspQuery.Certificate certificate, Instant at, int reasonCode) {
        return new OcspAnswer(certificate, Status.REVOKED, at, reasonCode);
    }
}
