package dev.inkan.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link Identified}: the one lookup from a stored name back to its enum constant. */
class IdentifiedTests {

    private enum Colour implements Identified {
        DARK_RED("dark-red"), BLUE("blue");

        private final String id;

        Colour(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }
    }

    @Test
    void aNameFindsTheConstantThatCarriesItNotTheOneSpelledLikeIt() {
        assertThat(Identified.find(Colour.class, "dark-red")).contains(Colour.DARK_RED);
        assertThat(Identified.find(Colour.class, "DARK_RED")).isEmpty();
        assertThat(Identified.find(Colour.class, null)).isEmpty();
    }

    @Test
    void aStoredNameNoConstantCarriesIsRefusedNamingTheTypeAndTheName() {
        assertThat(Identified.stored(Colour.class, "blue")).isEqualTo(Colour.BLUE);
        assertThatThrownBy(() -> Identified.stored(Colour.class, "green"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Colour").hasMessageContaining("'green'");
    }
}
