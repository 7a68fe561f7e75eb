package dev.inkan.engine;

/**
 * The inputs the engine judges on its own, named here and nowhere else in the engine. Each front end
 * maps them to its own words once: the REST API and the UI forms to their field names
 * ({@code web.FieldNames}), the one-shot to its environment variables ({@code OneShotIssuance.variable}).
 * An input a caller hands the engine to parse (a CSR, a PEM, a key type) is named by that caller instead
 * ({@link Input#named}).
 */
public enum Field implements Input {
    /** A new CA's name (its subject CN). */
    CA_NAME,
    /** A new CA's validity in days. */
    CA_VALIDITY_DAYS,
    /** A new CA's path length constraint. */
    PATH_LENGTH,
    /** The CA asked to sign. */
    ISSUING_CA,
    /** A CA certificate handed in (import, reuse). */
    CA_CERTIFICATE,
    /** A leaf's common name. */
    COMMON_NAME,
    /** A leaf's DNS names. */
    DNS_NAMES,
    /** A leaf's IP addresses. */
    IP_ADDRESSES,
    /** A leaf's validity in days. */
    VALIDITY_DAYS,
    /** The key type of a leaf. */
    KEY_TYPE
}
