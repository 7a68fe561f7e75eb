package dev.inkan.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inkan.testing.Processes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RSA keys from Inkan's own prime search, judged by others: OpenSSL's key check, the JDK's own
 * primality test (Miller-Rabin and Lucas-Lehmer, not the rounds the search used) and signatures
 * the JDK verifies; and FIPS 186-5's conditions on p, q and d, checked one by one.
 */
class RsaKeyGenerationTests {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final BigInteger E = BigInteger.valueOf(65537);

    @ParameterizedTest(name = "RSA {0}")
    @ValueSource(ints = {2048, 2048, 2048, 3072})
    void keysMeetTheConditionsOfFips186(int modulusBits) throws Exception {
        KeyPair pair = RsaKeyGeneration.generate(modulusBits, RANDOM);
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) pair.getPrivate();
        BigInteger p = key.getPrimeP();
        BigInteger q = key.getPrimeQ();
        BigInteger n = ((RSAPublicKey) pair.getPublic()).getModulus();
        int half = modulusBits / 2;

        assertThat(n.bitLength()).isEqualTo(modulusBits);
        assertThat(p.multiply(q)).isEqualTo(n).isEqualTo(key.getModulus());
        assertThat(key.getPublicExponent()).isEqualTo(E);
        for (BigInteger prime : List.of(p, q)) {
            assertThat(prime.bitLength()).isEqualTo(half);
            // >= sqrt(2) * 2^(half-1), i.e. prime^2 >= 2^(2 half - 1)
            assertThat(prime.pow(2).bitLength()).isEqualTo(2 * half);
            assertThat(prime.isProbablePrime(128)).as("the JDK's own test (with Lucas-Lehmer) finds it prime").isTrue();
            assertThat(E.gcd(prime.subtract(BigInteger.ONE))).isEqualTo(BigInteger.ONE);
        }
        assertThat(p.subtract(q).abs().bitLength()).isGreaterThan(half - 100);
        BigInteger pMinusOne = p.subtract(BigInteger.ONE);
        BigInteger qMinusOne = q.subtract(BigInteger.ONE);
        BigInteger lambda = pMinusOne.divide(pMinusOne.gcd(qMinusOne)).multiply(qMinusOne);
        assertThat(key.getPrivateExponent().multiply(E).mod(lambda)).isEqualTo(BigInteger.ONE);
        assertThat(key.getPrivateExponent().bitLength()).isGreaterThan(half);
        assertThat(key.getPrimeExponentP()).isEqualTo(key.getPrivateExponent().mod(pMinusOne));
        assertThat(key.getPrimeExponentQ()).isEqualTo(key.getPrivateExponent().mod(qMinusOne));
        assertThat(key.getCrtCoefficient().multiply(q).mod(p)).isEqualTo(BigInteger.ONE);

        byte[] message = "issued by Inkan".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(pair.getPrivate());
        signer.update(message);
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(pair.getPublic());
        verifier.update(message);
        assertThat(verifier.verify(signer.sign())).isTrue();
    }

    @Test
    void opensslFindsTheKeysSound(@TempDir Path dir) throws Exception {
        for (int i = 0; i < 3; i++) {
            Path file = dir.resolve("key" + i + ".pem");
            Files.writeString(file, Pem.encode(KeyType.RSA_2048.generate().getPrivate()));
            Processes.Result check = Processes.run(List.of("openssl", "rsa", "-check", "-noout", "-in", file.toString()));
            assertThat(check.exitCode()).as(check.stderr()).isZero();
            assertThat(check.stdout()).contains("RSA key ok");
        }
    }

    @Test
    void opensslRefusesAKeyWithACompositeFactor(@TempDir Path dir) throws Exception {
        // the check above can fail: the same key with p replaced by a composite of the same size is refused
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyType.RSA_2048.generate().getPrivate();
        BigInteger composite = key.getPrimeP().add(BigInteger.TWO);
        while (composite.isProbablePrime(64)) {
            composite = composite.add(BigInteger.TWO);
        }
        RSAPrivateCrtKeySpec forged = new RSAPrivateCrtKeySpec(
                composite.multiply(key.getPrimeQ()), key.getPublicExponent(), key.getPrivateExponent(), composite,
                key.getPrimeQ(), key.getPrimeExponentP(), key.getPrimeExponentQ(), key.getCrtCoefficient());
        Path file = dir.resolve("forged.pem");
        Files.writeString(file, Pem.encode(KeyFactory.getInstance("RSA").generatePrivate(forged)));
        Processes.Result check = Processes.run(List.of("openssl", "rsa", "-check", "-noout", "-in", file.toString()));
        assertThat(check.stdout() + check.stderr()).doesNotContain("RSA key ok");
    }

    @Test
    void theSieveMarksExactlyTheCandidatesWithASmallOddFactor() {
        BigInteger oddPrimorial = BigInteger.ONE;
        for (int s = 3; s < RsaKeyGeneration.SIEVE_LIMIT; s += 2) {
            if (BigInteger.valueOf(s).isProbablePrime(50)) {
                oddPrimorial = oddPrimorial.multiply(BigInteger.valueOf(s));
            }
        }
        BigInteger start = new BigInteger(1024, RANDOM).setBit(1023).setBit(0);
        BitSet composite = RsaKeyGeneration.sieve(start);
        int unmarked = 0;
        for (int k = 0; k < RsaKeyGeneration.WINDOW; k++) {
            BigInteger candidate = start.add(BigInteger.valueOf(2L * k));
            boolean hasSmallFactor = !candidate.gcd(oddPrimorial).equals(BigInteger.ONE);
            assertThat(composite.get(k)).as("start + %d", 2 * k).isEqualTo(hasSmallFactor);
            unmarked += hasSmallFactor ? 0 : 1;
        }
        // about 2 e^-γ / ln(2^14) of odd numbers have no odd factor below 2^14: ~ 11.7 %
        assertThat(unmarked).isBetween(RsaKeyGeneration.WINDOW / 13, RsaKeyGeneration.WINDOW / 7);
    }

    @Test
    void primesHaveTheirSizeAndTheirTopTwoBits() {
        for (int bits : new int[] {1024, 1536}) {
            BigInteger prime = RsaKeyGeneration.probablePrime(bits, RANDOM);
            assertThat(prime.bitLength()).isEqualTo(bits);
            assertThat(prime.testBit(bits - 2)).isTrue();
            assertThat(prime.isProbablePrime(128)).isTrue();
        }
    }

    @Test
    void millerRabinRoundsFollowFips186Table() {
        // FIPS 186-5 Table B.1, the error probability matching each modulus' strength
        assertThat(RsaKeyGeneration.millerRabinRounds(1024)).isEqualTo(5);
        assertThat(RsaKeyGeneration.millerRabinRounds(1536)).isEqualTo(4);
        assertThat(RsaKeyGeneration.millerRabinRounds(2048)).isEqualTo(4);
    }

    @Test
    void smallOrOddModuliAreRefused() {
        assertThatThrownBy(() -> RsaKeyGeneration.generate(1024, RANDOM)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RsaKeyGeneration.generate(2049, RANDOM)).isInstanceOf(IllegalArgumentException.class);
    }
}
