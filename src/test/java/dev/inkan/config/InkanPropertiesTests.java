package dev.inkan.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InkanPropertiesTests {

    @Test
    void printingTheSettingsNamesTheSecretsButNeverShowsThem() {
        var properties = new InkanProperties(Path.of("/data"), "token-4f1c9a", "password-77e2", "bWFzdGVyLWtleS0zMg==",
                "Home Root", 65536);

        assertThat(properties.toString()).contains("/data", "Home Root", "adminToken=(set)", "masterKey=(set)")
                .doesNotContain("token-4f1c9a", "password-77e2", "bWFzdGVyLWtleS0zMg==");
        assertThat(new InkanProperties(Path.of("/data"), null, null, null, "Home Root", 65536).toString())
                .contains("adminToken=(generated)", "masterKey=(generated)");
    }
}
