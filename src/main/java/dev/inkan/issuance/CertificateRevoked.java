package dev.inkan.issuance;

import java.time.Instant;

/**
 * Published inside the transaction that revokes a certificate, so that listeners may record more in
 * that same transaction (the revocation module bumps the CA's revocation epoch there) and publish
 * after it commits (a new CRL).
 */
public record CertificateRevoked(long caId, long certificateId, String serialNumber, RevocationReason reason, Instant at) {}
