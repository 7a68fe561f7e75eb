package dev.inkan.engine;

import java.util.Optional;

/**
 * An enum constant known outside Java by a stable name, its {@link #id()}: stored in the database,
 * written in JSON and URLs. The one lookup from a name back to the constant, for every such enum.
 */
public interface Identified {

    /** The stable external name, e.g. {@code keyCompromise} or {@code certificate.issued}. */
    String id();

    /** The constant of {@code type} named {@code id}; empty when none is. */
    static <E extends Enum<E> & Identified> Optional<E> find(Class<E> type, String id) {
        for (E constant : type.getEnumConstants()) {
            if (constant.id().equals(id)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }

    /** The constant a stored row names; a name no constant has means the row was written by a newer release or by hand. */
    static <E extends Enum<E> & Identified> E stored(Class<E> type, String id) {
        return find(type, id).orElseThrow(() -> new IllegalStateException("unknown " + type.getSimpleName() + " '" + id
                + "' in the database (written by a newer release?)"));
    }
}
