package dev.inkan.issuance;

import dev.inkan.engine.Identified;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a certificate's key came to be: made by this server, or held by the requester who sent a CSR (by hand or over ACME). */
public enum CertificateOrigin implements Identified {
    /** The server generated the key and keeps it sealed until it is deleted. */
    GENERATED,
    /** Signed from a PKCS#10 CSR sent to the API or the UI; the key stayed with its owner. */
    CSR,
    /** Signed from the CSR of an ACME order (RFC 8555 §7.4 finalize). */
    ACME;

    /** The name stored in the ledger and shown by the API and the UI: {@code generated}, {@code csr}, {@code acme}. */
    @JsonValue
    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
