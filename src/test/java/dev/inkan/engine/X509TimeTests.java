package dev.inkan.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x509.Time;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 5280 validity and CRL times, judged against Bouncy Castle's own {@code new Time(Date)}. */
class X509TimeTests {

    @ParameterizedTest
    @ValueSource(strings = {"1950-01-01T00:00:00Z", "1949-12-31T23:59:59Z", "1970-01-01T00:00:00.999Z",
            "2000-02-29T12:34:56.5Z", "2026-12-01T10:05:09Z", "2049-12-31T23:59:59.999Z", "2050-01-01T00:00:00Z",
            "2099-07-04T01:02:03Z", "9999-12-31T23:59:59Z"})
    void encodesTheBytesBouncyCastleEncodesForTheSameInstant(String instant) throws Exception {
        Instant at = Instant.parse(instant);
        assertThat(X509Time.of(at).getEncoded()).isEqualTo(new Time(Date.from(at)).getEncoded());
    }

    @Test
    void agreesWithBouncyCastleOnRandomInstantsAcrossBothEncodings() throws Exception {
        SecureRandom random = new SecureRandom();
        long from = Instant.parse("1900-01-01T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2200-01-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < 2_000; i++) {
            Instant at = Instant.ofEpochMilli(from + (long) (random.nextDouble() * (to - from)));
            assertThat(X509Time.of(at).getEncoded()).as(at.toString()).isEqualTo(new Time(Date.from(at)).getEncoded());
        }
    }

    @Test
    void aTimeBeforeYearZeroOrAfter9999IsRefused() {
        assertThatThrownBy(() -> X509Time.of(Instant.parse("+10000-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10000");
        assertThatThrownBy(() -> X509Time.of(Instant.parse("-0001-12-31T23:59:59Z")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }
}
