package dev.inkan.acme;

import java.util.Locale;

/**
 * The states of ACME objects (RFC 8555 §7.1.6), persisted by name; each object uses the subset its diagram allows:
 * accounts valid/deactivated/revoked, orders pending/ready/processing/valid/invalid, authorizations
 * pending/valid/invalid/deactivated/expired/revoked, challenges pending/processing/valid/invalid.
 */
public enum AcmeStatus {
    PENDING, READY, PROCESSING, VALID, INVALID, DEACTIVATED, EXPIRED, REVOKED;

    /** The RFC's lower-case word. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
