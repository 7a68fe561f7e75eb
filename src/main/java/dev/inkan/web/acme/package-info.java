/**
 * The ACME endpoints (RFC 8555) as thin controllers over {@code dev.inkan.acme}, and the admin API of each CA's
 * ACME directory (settings, accounts, EAB keys).
 */
package dev.inkan.web.acme;
