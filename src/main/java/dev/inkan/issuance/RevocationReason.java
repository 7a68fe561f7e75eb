package dev.inkan.issuance;

import dev.inkan.engine.Identified;
import dev.inkan.engine.RequestRejectedException;
import dev.inkan.engine.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Why a certificate was revoked: the CRLReason codes of RFC 5280 §5.3.1. {@code certificateHold}
 * (a revocation that may be undone) and {@code removeFromCRL} (delta CRLs only) are not offered:
 * revocation here is final, as the CA/Browser Forum BR §7.2.2 require of CAs.
 */
public enum RevocationReason implements Identified {
    UNSPECIFIED("unspecified", 0),
    KEY_COMPROMISE("keyCompromise", 1),
    CA_COMPROMISE("cACompromise", 2),
    AFFILIATION_CHANGED("affiliationChanged", 3),
    SUPERSEDED("superseded", 4),
    CESSATION_OF_OPERATION("cessationOfOperation", 5),
    PRIVILEGE_WITHDRAWN("privilegeWithdrawn", 9),
    AA_COMPROMISE("aACompromise", 10);

    private final String id;
    private final int code;

    RevocationReason(String id, int code) {
        this.id = id;
        this.code = code;
    }

    /** The RFC 5280 name, e.g. {@code keyCompromise}. */
    @Override
    public String id() {
        return id;
    }

    /** The CRLReason code. */
    public int code() {
        return code;
    }

    /** The reason stored as {@code id} (e.g. {@code keyCompromise}). */
    public static RevocationReason of(String id) {
        return Identified.stored(RevocationReason.class, id);
    }

    /** Parses {@code keyCompromise}, {@code key-compromise}, {@code KEY_COMPROMISE} or the code {@code 1}; null is unspecified. */
    public static RevocationReason parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return UNSPECIFIED;
        }
        String key = text.strip().toLowerCase(Locale.ROOT).replaceAll("[-_ ]", "");
        for (RevocationReason reason : values()) {
            if (reason.id.toLowerCase(Locale.ROOT).equals(key) || String.valueOf(reason.code).equals(key)) {
                return reason;
            }
        }
        throw new InvalidInputException(field, "unknown revocation reason '" + RequestRejectedException.abbreviate(text) + "'; use one of "
                + Arrays.stream(values()).map(RevocationReason::id).collect(Collectors.joining(", ")) + " (RFC 5280 §5.3.1)");
    }
}
