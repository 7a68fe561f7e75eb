package dev.inkan.issuance;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** How a certificate's key came to be: made by this server, or held by the requester who sent a CSR (by hand or over ACME). */
public enum CertificateOrigin {
    /** The server generated the key and keeps it sealed until it is deleted. */
    GENERATED("generated"),
    /** Signed from a PKCS#10 CSR sent to the API or the UI; the key stayed with its owner. */
    CSR("csr"),
    /** Signed from the CSR of an ACME order (RFC 8555 §7.4 finalize). */
    ACME("acme");

    private final String id;

    CertificateOrigin(String id) {
        this.id = id;
    }

    /** The name stored in the ledger and shown by the API and the UI. */
    @JsonValue
    public String id() {
        return id;
    }

    /** The origin stored as {@code id}. */
    public static CertificateOrigin of(String id) {
        return Arrays.stream(values()).filter(o -> o.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown certificate origin '" + id + "' in the ledger"));
    }
}
