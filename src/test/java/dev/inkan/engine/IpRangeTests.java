package dev.inkan.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.net.InetAddresses;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The one IP-range codec: CIDR text in, membership and the RFC 5280 §4.2.1.10 octets out. */
class IpRangeTests {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
        "10.0.0.0/8, 10.255.1.2, true",
        "10.0.0.0/8, 11.0.0.0, false",
        "192.168.1.0/24, 192.168.1.255, true",
        "192.168.1.0/24, 192.168.2.0, false",
        "10.0.0.5/32, 10.0.0.5, true",
        "10.0.0.5/32, 10.0.0.4, false",
        "10.0.0.5, 10.0.0.5, true",
        "0.0.0.0/0, 203.0.113.9, true",
        "0.0.0.0/0, ::1, false",
        "fd00::/8, fd12:3456::1, true",
        "fd00::/8, fe80::1, false",
        "::1/128, ::1, true",
        "::1, ::2, false",
        "::/0, 2001:db8::1, true",
        "::/0, 127.0.0.1, false",
        "10.0.0.0/7, 11.1.1.1, true",
        "10.0.0.0/9, 10.128.0.1, false",
    })
    void containsExactlyTheAddressesUnderItsPrefix(String range, String address, boolean expected) {
        IpRange parsed = IpRange.parse(range);
        assertThat(parsed.contains(InetAddresses.forString(address))).isEqualTo(expected);
        assertThat(parsed.contains(InetAddresses.forString(address).getAddress())).isEqualTo(expected);
    }

    @Test
    void bareAddressIsARangeOfOneAndHostBitsAreCleared() {
        assertThat(IpRange.parse("10.0.0.5").cidr()).isEqualTo("10.0.0.5/32");
        assertThat(IpRange.parse("::1").cidr()).isEqualTo("::1/128");
        assertThat(IpRange.parse(" 10.1.2.3/8 ").cidr()).isEqualTo("10.0.0.0/8");
        assertThat(IpRange.parse("fd12:3456::1/16").cidr()).isEqualTo("fd12::/16");
    }

    @Test
    void parsedRangeEncodesToAddressThenMaskOctets() {
        IpRange range = IpRange.parse("192.168.0.0/16");
        assertThat(range.encode()).containsExactly(192, 168, 0, 0, 255, 255, 0, 0);
        assertThat(IpRange.decode(range.encode())).isEqualTo(range);
        assertThat(range.addressAndMask()).isEqualTo("192.168.0.0/255.255.0.0");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "garbage", "10.0.0", "host.test/8", "10.0.0.256/8", "/8"})
    void garbageIsRefusedWithAnExample(String text) {
        assertThatThrownBy(() -> IpRange.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("write e.g. 10.0.0.5, 10.0.0.0/24");
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource({"10.0.0.0/33, 32", "10.0.0.0/-1, 32", "10.0.0.0/x, 32", "fd00::/129, 128", "fd00::/0128, 128", "10.0.0.0/, 32", "1.2.3.4/8/8, 32"})
    void prefixOutsideTheFamilyIsRefusedNamingTheLimit(String text, int bits) {
        assertThatThrownBy(() -> IpRange.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prefix from 0 to " + bits);
    }

    @Test
    void nullIsRefusedLikeGarbage() {
        assertThatThrownBy(() -> IpRange.parse(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an IP address");
    }
}
