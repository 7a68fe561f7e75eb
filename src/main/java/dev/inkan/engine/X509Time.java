package dev.inkan.engine;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.x509.Time;

/**
 * A time in a certificate's validity or a CRL (RFC 5280 §4.1.2.5, §5.1.2.4): UTCTime {@code YYMMDDHHMMSSZ} for
 * the years 1950 through 2049, GeneralizedTime {@code YYYYMMDDHHMMSSZ} otherwise, whole seconds of UTC. It is
 * what Bouncy Castle's {@code new Time(Date)} encodes, byte for byte (X509TimeTests), without the two
 * {@code SimpleDateFormat}s that constructor builds per value: the first of them loads the JDK's calendar and
 * locale data: ~40 ms of an ECDSA one-shot's 0.5 s (bench/RESULTS.md, "Fifth pass").
 */
final class X509Time {

    private X509Time() {}

    static Time of(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = utc.getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("a certificate time must lie in the years 0 to 9999, not " + year);
        }
        boolean utcTime = year >= 1950 && year <= 2049;
        StringBuilder text = new StringBuilder(15);
        digits(text, utcTime ? year % 100 : year, utcTime ? 2 : 4);
        digits(text, utc.getMonthValue(), 2);
        digits(text, utc.getDayOfMonth(), 2);
        digits(text, utc.getHour(), 2);
        digits(text, utc.getMinute(), 2);
        digits(text, utc.getSecond(), 2);
        text.append('Z');
        byte[] characters = text.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] der = new byte[2 + characters.length];
        der[0] = (byte) (utcTime ? BERTags.UTC_TIME : BERTags.GENERALIZED_TIME);
        der[1] = (byte) characters.length;
        System.arraycopy(characters, 0, der, 2, characters.length);
        return utcTime ? new Time(ASN1UTCTime.getInstance(der)) : new Time(ASN1GeneralizedTime.getInstance(der));
    }

    private static void digits(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        text.append("0".repeat(width - digits.length())).append(digits);
    }
}
