package dev.inkan.engine;

/**
 * The input a refusal blames: one of the engine's own {@link Field}s, or an input a caller handed the
 * engine under the caller's own name (the API's {@code "csr"}, the one-shot's {@code CA_CERT}).
 */
public sealed interface Input permits Field, Input.Named {

    /** An input named by the caller that handed it over. */
    static Input named(String name) {
        return new Named(name);
    }

    /** @param name the caller's name for the input, as its users write it */
    record Named(String name) implements Input {
    }
}
