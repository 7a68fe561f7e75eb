package dev.inkan.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An EAB key id or HMAC key is pasted after {@code --eab-kid} / {@code --eab-hmac-key} into certbot, lego or acme.sh,
 * which read a value beginning with '-' as an option ("argument --eab-kid: expected one argument"): none is made.
 */
class EabKeysTests {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    @Test
    void aValueThatWouldReadAsAnOptionIsDrawnAgain() {
        int[] draws = {0};
        Random rigged = new Random(7) {
            @Override
            public void nextBytes(byte[] bytes) {
                super.nextBytes(bytes);
                if (draws[0]++ == 0) {
                    bytes[0] = (byte) 0xF8; // the first six bits are 62: base64url '-'
                }
            }
        };

        byte[] value = EabKeys.randomForCommandLines(rigged, 12);

        assertThat(draws[0]).isEqualTo(2);
        assertThat(BASE64URL.encodeToString(value)).doesNotStartWith("-").hasSize(16);
    }

    @Test
    void noKidOrHmacKeyOfManyBeginsWithADash() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 5_000; i++) {
            assertThat(BASE64URL.encodeToString(EabKeys.randomForCommandLines(random, 12))).doesNotStartWith("-");
            assertThat(BASE64URL.encodeToString(EabKeys.randomForCommandLines(random, 32))).doesNotStartWith("-").hasSize(43);
        }
    }
}
