package dev.inkan.engine;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * An iPAddress name-constraint subtree: an address and its prefix, encoded as the address octets
 * followed by the mask octets (8 for IPv4, 32 for IPv6; RFC 5280 §4.2.1.10). The one codec between
 * that encoding and the forms people and tools write: CIDR ({@code 10.0.0.0/8}) and openssl's
 * address/mask ({@code 10.0.0.0/255.0.0.0}); and the one test of whether an address lies in a range.
 *
 * @param address the network address (host bits zero)
 * @param prefix  the number of leading one bits of the mask
 */
public record IpRange(byte[] address, int prefix) {

    public IpRange {
        address = address.clone();
        if (address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("an IP range has a 4- or 16-octet address, not " + address.length);
        }
        if (prefix < 0 || prefix > address.length * 8) {
            throw new IllegalArgumentException("prefix /" + prefix + " does not fit a " + address.length * 8 + "-bit address");
        }
    }

    /**
     * Parses CIDR ({@code 10.0.0.0/8}, {@code fd00::/8}) or a bare address (a range of one: /32, /128); host bits
     * are cleared. Only IP literals are read, never a host name (no DNS).
     *
     * @throws IllegalArgumentException saying what to write instead
     */
    public static IpRange parse(String cidr) {
        String text = cidr == null ? "" : cidr.strip();
        int slash = text.indexOf('/');
        String literal = slash < 0 ? text : text.substring(0, slash);
        if (!InetAddresses.isInetAddress(literal)) {
            throw new IllegalArgumentException("'" + RequestRejectedException.abbreviate(text)
                    + "' is not an IP address or CIDR range; write e.g. 10.0.0.5, 10.0.0.0/24 or fd00::/8");
        }
        byte[] octets = InetAddresses.forString(literal).getAddress();
        int bits = octets.length * 8;
        int prefix = slash < 0 ? bits : prefixLength(text.substring(slash + 1));
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("'" + RequestRejectedException.abbreviate(text) + "' needs a prefix from 0 to " + bits);
        }
        for (int bit = prefix; bit < bits; bit++) {
            octets[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
        }
        return new IpRange(octets, prefix);
    }

    private static int prefixLength(String digits) {
        return digits.matches("[0-9]{1,3}") ? Integer.parseInt(digits) : -1;
    }

    /** Whether {@code candidate} (4 or 16 octets) lies in this range; an address of the other family never does. */
    public boolean contains(byte[] candidate) {
        if (candidate.length != address.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((candidate[bit / 8] & mask) != (address[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    public boolean contains(InetAddress candidate) {
        return contains(candidate.getAddress());
    }

    /** Decodes the extension's octets: address then mask (a mask's one bits are counted, as verifiers do). */
    public static IpRange decode(byte[] addressAndMask) {
        int half = addressAndMask.length / 2;
        int prefix = 0;
        for (int i = half; i < addressAndMask.length; i++) {
            prefix += Integer.bitCount(addressAndMask[i] & 0xff);
        }
        return new IpRange(Arrays.copyOf(addressAndMask, half), prefix);
    }

    /** The extension's octets: address then mask. */
    public byte[] encode() {
        byte[] result = Arrays.copyOf(address, address.length * 2);
        for (int bit = 0; bit < prefix; bit++) {
            result[address.length + bit / 8] |= (byte) (0x80 >> (bit % 8));
        }
        return result;
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    public boolean isIpv4() {
        return address.length == 4;
    }

    /** Whether it covers every address of its family (0.0.0.0/0, ::/0). */
    public boolean isEverything() {
        return prefix == 0;
    }

    /** {@code 10.0.0.0/8}, {@code fd00::/8}. */
    public String cidr() {
        return text(address) + "/" + prefix;
    }

    /** openssl's x509v3_config form: {@code 10.0.0.0/255.0.0.0}. */
    public String addressAndMask() {
        byte[] octets = encode();
        return text(address) + "/" + text(Arrays.copyOfRange(octets, address.length, octets.length));
    }

    private static String text(byte[] octets) {
        return SubjectAltNames.toAddressString(octets);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpRange r && Arrays.equals(address, r.address) && prefix == r.prefix;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(address) * 31 + prefix;
    }

    @Override
    public String toString() {
        return cidr();
    }
}
