package dev.inkan.issuance;

import java.time.Instant;
import java.util.List;

/**
 * One certificate in the ledger, as lists show it (no PEM, no key).
 *
 * @param status           valid, expiring (within 30 days), expired or revoked
 * @param origin           generated (key made by the server), csr or acme
 * @param privateKeyStored whether key.pem and PKCS#12 can be downloaded
 */
public record CertificateSummary(long id, String serialNumber, String commonName, List<String> dnsNames,
                                 List<String> ipAddresses, String profile, String keyType, long caId, Instant notBefore,
                                 Instant notAfter, CertificateStatus status, Instant revokedAt, String revocationReason, CertificateOrigin origin,
                                 boolean privateKeyStored, Instant createdAt, String createdBy) {
}
