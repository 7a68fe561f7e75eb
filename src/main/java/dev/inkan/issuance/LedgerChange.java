package dev.inkan.issuance;

import java.time.Duration;

/**
 * Published after an issuance or a revocation has committed, with how long it took from the request to the commit
 * (validation, key generation and signing included), for whoever measures it: the operations module's latency timers.
 */
public record LedgerChange(Kind kind, long caId, String keyType, CertificateOrigin origin, Duration took) {

    /** What changed in the ledger. */
    public enum Kind { ISSUED, REVOKED }
}
