package dev.inkan.engine;

import java.math.BigInteger;

/**
 * Certificate serial numbers: positive, at most 20 octets (RFC 5280 §4.1.2.2), with 159 bits
 * from the CSPRNG, far above the 64 bits the CA/Browser Forum BR §7.1 asks for.
 */
public final class SerialNumbers {
    private SerialNumbers() {}

    public static BigInteger next() {
        BigInteger serial;
        do {
            serial = new BigInteger(159, CryptoProviders.random());
        } while (serial.bitLength() < 64);
        return serial;
    }
}
