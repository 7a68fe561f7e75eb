package dev.inkan.revocation;

/**
 * Per-CA switches for the certificates the CA signs from now on.
 *
 * @param crlUrl a CRL distribution point (RFC 5280 §4.2.1.13)
 * @param aia    an Authority Information Access with the OCSP URL and caIssuers (RFC 5280 §4.2.2.1)
 */
public record UrlSwitches(boolean crlUrl, boolean aia) {}
