package dev.inkan.issuance;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The ledger as other modules see it, in the shape of cfssl's {@code certdb.Accessor}: every
 * certificate issued, keyed by issuer (CA id) and serial number, with its status and, once revoked,
 * the time and RFC 5280 reason. {@code revocation} builds CRLs and OCSP answers from
 * {@link #revocations} and {@link #standing}; {@code acme} records what it signs with {@link #record}
 * (origin {@link CertificateOrigin#ACME}), or better through {@link IssuanceService#signCsr}.
 */
public interface IssuedCertificates {

    /**
     * A certificate to record.
     *
     * @param serialNumber lower-case hex, as {@code BigInteger.toString(16)} writes it
     * @param sealedKey    the private key sealed by the master key, or null when the requester holds it
     */
    record Entry(long caId, String serialNumber, String commonName, List<String> dnsNames, List<String> ipAddresses,
                 String profile, String keyType, CertificateOrigin origin, Instant notBefore, Instant notAfter, byte[] der,
                 byte[] sealedKey, Instant createdAt, String createdBy) {}

    /** One revoked certificate, as a CRL entry lists it (RFC 5280 §5.3: serial, revocationDate, reasonCode). */
    record Revocation(BigInteger serialNumber, Instant revokedAt, RevocationReason reason, Instant notAfter) {}

    /** Where one certificate stands, as an OCSP response says it (RFC 6960 §2.2: good, revoked; unknown when absent). */
    record Standing(long certificateId, BigInteger serialNumber, CertificateStatus status, Instant notAfter,
                    Instant revokedAt, RevocationReason reason) {}

    /** Records a certificate and returns its id; a serial number the CA used before is a {@code DuplicateKeyException}. */
    long record(Entry entry);

    /** The certificate with {@code serialNumber} issued by CA {@code caId}, or empty when that CA never issued it. */
    Optional<Standing> standing(long caId, BigInteger serialNumber, Instant now);

    /** Every revoked certificate of CA {@code caId}, expired ones included, oldest revocation first. */
    List<Revocation> revocations(long caId);

    /** Marks the certificate revoked for good; false when it was revoked already or the CA never issued it. */
    boolean revoke(long caId, BigInteger serialNumber, RevocationReason reason, Instant at);
}
