package dev.inkan.engine;

import java.util.Arrays;

/**
 * An iPAddress name-constraint subtree: an address and its prefix, encoded as the address octets
 * followed by the mask octets (8 for IPv4, 32 for IPv6; RFC 5280 §4.2.1.10). The one codec between
 * that encoding and the forms people and tools write: CIDR ({@code 10.0.0.0/8}) and openssl's
 * address/mask ({@code 10.0.0.0/255.0.0.0}).
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
