package dev.inkan.issuance;

import java.time.Instant;
import java.util.List;

/**
 * One certificate in the ledger, as lists show it (no PEM, no key).
 *
 * @param status           {@code valid}, {@code expiring} (within 30 days), {@code expired} or {@code revoked}
 * @param origin           {@code generated} (key made by the server), {@code csr} or {@code acme}
 * @param privateKeyStored whether key.pem and PKCS#12 can be downloaded
 */
public record CertificateSummary(long id, String serialNumber, String commonName, List<String> dnsNames,
                                 List<String> ipAddresses, String profile, String keyType, long caId, Instant notBefore,
                                 Instant notAfter, String status, Instant revokedAt, String revocationReason, String origin,
                                 boolean privateKeyStored, Instant createdAt, String createdBy) {

    public static final String GENERATED = "generated";
    public static final String CSR = "csr";
    /** Signed from an ACME order's CSR (RFC 8555 §7.4). */
    public static final String ACME = "acme";
}
