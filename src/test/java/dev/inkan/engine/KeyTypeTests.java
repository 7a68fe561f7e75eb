package dev.inkan.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Key-type names as users write them, and the keys each type makes. */
class KeyTypeTests {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"ecdsa-p256, EC_P256", "EC_P256, EC_P256", "p256, EC_P256", "prime256v1, EC_P256", "ECDSA, EC_P256",
            "ecdsa-p384, EC_P384", "secp384r1, EC_P384", "rsa, RSA_2048", "RSA-2048, RSA_2048", "rsa3072, RSA_3072",
            "rsa_4096, RSA_4096", "Ed25519, ED25519", "' ecdsa-p256 ', EC_P256"})
    void keyTypeNamesAreParsedAsUsersWriteThem(String text, KeyType expected) {
        assertThat(KeyType.parse("SSL_KEY_TYPE", text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dsa", "rsa-1024", "rsa1024", "p521", "ecdsa-p256k", "x25519"})
    void unknownKeyTypesAreRefusedListingTheKnownOnes(String text) {
        assertThatThrownBy(() -> KeyType.parse("SSL_KEY_TYPE", text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown key type")
                .hasMessageContaining(KeyType.names());
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"EC_P256", "EC_P384", "RSA_2048", "ED25519"})
    void generatedKeysAreRecognisedAsTheirOwnType(KeyType type) {
        KeyPair pair = type.generate();
        assertThat(KeyType.of(pair.getPublic())).contains(type);
        assertThat(KeyPairs.matches(pair.getPrivate(), pair.getPublic())).isTrue();
        assertThat(KeyPairs.matches(type.generate().getPrivate(), pair.getPublic())).isFalse();
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void onlyEd25519IsRefusedByBrowsers(KeyType type) {
        assertThat(type.acceptedByBrowsers()).isEqualTo(type != KeyType.ED25519);
    }
}
