package dev.inkan.revocation;

import java.time.Instant;

/**
 * A CA's latest CRL as the API and UI show it, with the public URLs of its revocation services.
 *
 * @param number  the CRLNumber (RFC 5280 §5.2.3)
 * @param entries how many revoked certificates it lists
 * @param deltaCrlUrl the delta CRL (RFC 5280 §5.2.4) the full CRL names as its Freshest CRL; null while delta CRLs are off
 */
public record CrlInfo(long caId, long number, Instant thisUpdate, Instant nextUpdate, long entries, String crlUrl, String crlPemUrl,
                      String ocspUrl, String caIssuersUrl, String deltaCrlUrl) {}
