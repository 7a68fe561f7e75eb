package dev.inkan.acme;

import java.time.Instant;
import java.util.List;

/**
 * An ACME account (RFC 8555 §7.1.2) of one CA's directory, identified by its key's RFC 7638 thumbprint.
 *
 * @param jwk    the account's public key as a JWK (JSON text)
 * @param eabKid the External Account Binding key it was bound with, if any
 */
public record AcmeAccount(long id, long caId, String thumbprint, String jwk, List<String> contact, AcmeStatus status,
                          String eabKid, Instant createdAt) {
}
