package dev.inkan.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inkan.engine.InvalidInputException;
import dev.inkan.engine.Pkcs12;
import org.junit.jupiter.api.Test;

class Pkcs12RequestTests {

    @Test
    void aPasswordOutsidePrintableAsciiIsRefusedBeforeAnyKeyStoreIsBuilt() {
        for (String password : new String[] {"pässwort", "pass\u0000word", "пароль123", "tab\there"}) {
            assertThatThrownBy(() -> new Pkcs12Request(password, null).validate()).as(password)
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("printable ASCII");
        }
        assertThat(new Pkcs12Request("correct horse #1", "legacy").validate()).isEqualTo(Pkcs12.Encryption.LEGACY);
    }
}
