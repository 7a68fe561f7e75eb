/**
 * Revocation that clients see: a CRL per CA (RFC 5280 §5) and an OCSP responder (RFC 6960, RFC 5019
 * profile), both built on the ledger's issuer+serial view and the engine's CRL and OCSP builders.
 */
package dev.inkan.revocation;
