package dev.inkan.authority;

import dev.inkan.engine.Identified;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a CA came to be held here. */
public enum CaKind implements Identified {
    /** A self-signed root made here. */
    ROOT,
    /** An intermediate made here under another CA held here. */
    INTERMEDIATE,
    /** A CA made elsewhere whose certificate and key were imported. */
    IMPORTED;

    /** The name stored in the database and shown by the API and the UI: {@code root}, {@code intermediate}, {@code imported}. */
    @JsonValue
    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
