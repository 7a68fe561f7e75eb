package dev.inkan.engine;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.BitSet;
import org.bouncycastle.math.Primes;

/**
 * RSA key pairs from random probable primes, as FIPS 186-5 (Appendix A.1.3) generates them: for a
 * modulus of {@code nlen} bits, primes p and q of {@code nlen/2} bits each at least
 * √2·2^(nlen/2−1), with p−1 and q−1 prime to e = 65537, |p−q| &gt; 2^(nlen/2−100), and a private
 * exponent d = e⁻¹ mod lcm(p−1, q−1) greater than 2^(nlen/2).
 *
 * <p>Why not the JDK's generator: it tests each probable prime with two Miller-Rabin rounds and then
 * a Lucas-Lehmer test (BigInteger.primeToCertainty). Lucas-Lehmer runs once per prime, four times
 * in a one-shot (two keys), so the JIT never compiles it: it took 29–38 % of the key generation's CPU
 * in a fresh JVM (issue 12, bench/RESULTS.md "Ninth pass"), and the one-shot's RSA row is mostly
 * key generation. FIPS 186-5 Table B.1 allows Miller-Rabin alone with more rounds (five for 1024-bit
 * primes: error ≤ 2⁻¹¹²), and each round is a modular exponentiation, the one operation the
 * search has already made hot. The rounds themselves are Bouncy Castle's
 * ({@link Primes#isMRProbablePrime}, FIPS 186-4 C.3.1, random bases); what is here is the search:
 * a random odd start with its top two bits set, and a sieve of the next {@value #WINDOW} odd
 * numbers by every prime below {@value #SIEVE_LIMIT}, so that only numbers without a small factor
 * reach Miller-Rabin (about one in 8.5).
 */
final class RsaKeyGeneration {

    /** Odd candidates sieved per random start; a 1024-bit prime is found in the first window almost always. */
    static final int WINDOW = 4096;
    /** The sieve uses the odd primes below this bound. */
    static final int SIEVE_LIMIT = 1 << 14;
    private static final int[] SIEVE_PRIMES = oddPrimesBelow(SIEVE_LIMIT);
    private static final BigInteger E = RSAKeyGenParameterSpec.F4;

    private RsaKeyGeneration() {}

    /** A fresh RSA key pair with public exponent 65537 and a modulus of exactly {@code modulusBits} bits. */
    static KeyPair generate(int modulusBits, SecureRandom random) {
        if (modulusBits < 2048 || modulusBits % 2 != 0) {
            throw new IllegalArgumentException("RSA moduli here are 2048 bits or more, and even: " + modulusBits);
        }
        int primeBits = modulusBits / 2;
        while (true) {
            BigInteger p = probablePrime(primeBits, random);
            BigInteger q = probablePrime(primeBits, random);
            if (p.subtract(q).abs().bitLength() <= primeBits - 100) {
                continue; // |p - q| <= 2^(nlen/2 - 100): FIPS 186-5 A.1.3 step 5.4 (practically never)
            }
            if (p.compareTo(q) < 0) {
                BigInteger smaller = p;
                p = q;
                q = smaller;
            }
            BigInteger pMinusOne = p.subtract(BigInteger.ONE);
            BigInteger qMinusOne = q.subtract(BigInteger.ONE);
            BigInteger lambda = pMinusOne.divide(pMinusOne.gcd(qMinusOne)).multiply(qMinusOne);
            BigInteger d = E.modInverse(lambda);
            if (d.bitLength() <= primeBits) {
                continue; // d <= 2^(nlen/2): FIPS 186-5 A.1.1 (practically never)
            }
            BigInteger n = p.multiply(q);
            try {
                KeyFactory factory = KeyFactory.getInstance("RSA");
                return new KeyPair(factory.generatePublic(new RSAPublicKeySpec(n, E)),
                        factory.generatePrivate(new RSAPrivateCrtKeySpec(n, E, d, p, q,
                                d.mod(pMinusOne), d.mod(qMinusOne), q.modInverse(p))));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK refused an RSA key it can always build", e);
            }
        }
    }

    /**
     * A probable prime of exactly {@code bits} bits, at least 1.5·2^(bits−1) (its top two bits set,
     * which is above √2·2^(bits−1)), with p−1 prime to 65537, that passed {@link #millerRabinRounds}
     * rounds of Miller-Rabin with random bases.
     */
    static BigInteger probablePrime(int bits, SecureRandom random) {
        int rounds = millerRabinRounds(bits);
        while (true) {
            BigInteger start = new BigInteger(bits, random).setBit(bits - 1).setBit(bits - 2).setBit(0);
            BitSet composite = sieve(start);
            for (int k = composite.nextClearBit(0); k < WINDOW; k = composite.nextClearBit(k + 1)) {
                BigInteger candidate = start.add(BigInteger.valueOf(2L * k));
                if (candidate.bitLength() != bits) {
                    break; // ran past 2^bits - 1: start again
                }
                if (Primes.isMRProbablePrime(candidate, random, rounds)
                        && E.gcd(candidate.subtract(BigInteger.ONE)).equals(BigInteger.ONE)) {
                    return candidate;
                }
            }
        }
    }

    /**
     * Bit k set: start + 2k has an odd prime factor below {@value #SIEVE_LIMIT} (start is odd, so no
     * candidate is even). For each sieving prime s, the first such k solves start + 2k ≡ 0 (mod s).
     */
    static BitSet sieve(BigInteger start) {
        BitSet composite = new BitSet(WINDOW);
        int[] words = magnitude(start);
        for (int s : SIEVE_PRIMES) {
            long remainder = 0;
            for (int word : words) {
                remainder = ((remainder << 32) | (word & 0xFFFFFFFFL)) % s;
            }
            // 2k ≡ -remainder (mod s)  =>  k ≡ (s - remainder) · (s + 1)/2  (mod s); (s + 1)/2 is 2⁻¹ mod s
            long first = (s - remainder) % s * ((s + 1) / 2) % s;
            for (long k = first; k < WINDOW; k += s) {
                composite.set((int) k);
            }
        }
        return composite;
    }

    /**
     * Miller-Rabin rounds for a random prime of this size, from FIPS 186-5 Table B.1 at the error
     * probability that matches the modulus' strength: 2⁻¹¹² for 1024-bit primes (RSA 2048), 2⁻¹²⁸
     * for 1536-bit ones (RSA 3072), 2⁻¹⁴⁴ for 2048-bit ones (RSA 4096).
     */
    static int millerRabinRounds(int primeBits) {
        return primeBits <= 1024 ? 5 : 4;
    }

    /** The number's 32-bit words, most significant first. */
    private static int[] magnitude(BigInteger value) {
        byte[] bytes = value.toByteArray();
        int[] words = new int[(bytes.length + 3) / 4];
        for (int i = 0; i < bytes.length; i++) {
            int fromEnd = bytes.length - 1 - i;
            words[words.length - 1 - fromEnd / 4] |= (bytes[i] & 0xFF) << (8 * (fromEnd % 4));
        }
        return words;
    }

    private static int[] oddPrimesBelow(int limit) {
        BitSet composite = new BitSet(limit);
        int[] primes = new int[limit];
        int count = 0;
        for (int i = 3; i < limit; i += 2) {
            if (!composite.get(i)) {
                primes[count++] = i;
                for (long multiple = (long) i * i; multiple < limit; multiple += 2L * i) {
                    composite.set((int) multiple);
                }
            }
        }
        return Arrays.copyOf(primes, count);
    }
}
