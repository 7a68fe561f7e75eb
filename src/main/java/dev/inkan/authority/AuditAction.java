package dev.inkan.authority;

import dev.inkan.engine.Identified;
import com.fasterxml.jackson.annotation.JsonValue;

/** What an audit event records; each is stored (and shown in a certificate's history) by its id. */
public enum AuditAction implements Identified {
    CA_CREATED("ca.created"),
    CA_IMPORTED("ca.imported"),
    ISSUED("certificate.issued"),
    CSR_SIGNED("certificate.csr-signed"),
    REVOKED("certificate.revoked"),
    KEY_DELETED("certificate.key-deleted"),
    CA_REVOKED("ca.revoked"),
    /** A wrong UI password or bearer token (actor: the client address; the detail never holds the secret). */
    AUTHENTICATION_FAILED("authentication.failed");

    private final String id;

    AuditAction(String id) {
        this.id = id;
    }

    /** The stored name, e.g. {@code certificate.issued}. */
    @JsonValue
    @Override
    public String id() {
        return id;
    }

    /** The action stored as {@code id}; a module that records a new kind of event adds its constant here. */
    public static AuditAction of(String id) {
        return Identified.stored(AuditAction.class, id);
    }
}
