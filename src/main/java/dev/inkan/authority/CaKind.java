package dev.inkan.authority;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** How a CA came to be held here. */
public enum CaKind {
    /** A self-signed root made here. */
    ROOT,
    /** An intermediate made here under another CA held here. */
    INTERMEDIATE,
    /** A CA made elsewhere whose certificate and key were imported. */
    IMPORTED;

    /** The name stored in the database and shown by the API and the UI: {@code root}, {@code intermediate}, {@code imported}. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind stored as {@code id}. */
    public static CaKind of(String id) {
        return Arrays.stream(values()).filter(k -> k.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown CA kind '" + id + "' in the database"));
    }
}
