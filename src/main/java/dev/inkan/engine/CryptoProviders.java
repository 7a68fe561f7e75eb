package dev.inkan.engine;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Which JCA providers the engine generates keys and signs with, and the CSPRNG it draws from.
 *
 * <p>By default that is Bouncy Castle's provider, passed explicitly rather than registered
 * globally: its pure-Java P-256 signs about 7 times faster than JDK 17's SunEC (bench/RESULTS.md),
 * which is what a service issuing thousands of certificates needs. Building that provider loads
 * some 900 classes, though, which in a short-lived process such as the one-shot cost more than all
 * of its few keys and signatures: such a process sets the system property {@value #PROPERTY} to
 * {@code jdk} before the engine is first used, and then uses the JDK's own SunEC and SunRsaSign (Bouncy
 * Castle's provider is never built). The choice is read once, when this class is initialised, and
 * never changes afterwards.
 */
public final class CryptoProviders {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The system property that chooses the providers: {@code jdk}, or unset for Bouncy Castle. */
    public static final String PROPERTY = "inkan.crypto.providers";

    private static final boolean jdkProviders = "jdk".equals(System.getProperty(PROPERTY));

    /** Built on first use only (initialization-on-demand holder). */
    private static final class BouncyCastleHolder {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }

    private CryptoProviders() {}

    /** Bouncy Castle's provider, for what the JDK does not offer (encrypted PEM keys, CSR verification). */
    public static Provider bouncyCastle() {
        return BouncyCastleHolder.PROVIDER;
    }

    /** The CSPRNG used for keys and serial numbers (thread-safe). */
    public static SecureRandom random() {
        return RANDOM;
    }

    /**
     * EC and Ed25519 key generators: Bouncy Castle's in the service (its P-256 is several times JDK 17's
     * SunEC). RSA keys are not made here but by {@link RsaKeyGeneration}: its search takes less CPU than
     * either provider's (both end each prime with a Lucas-Lehmer test the JIT never compiles).
     */
    static KeyPairGenerator keyPairGenerator(String algorithm) throws NoSuchAlgorithmException {
        return jdkProviders ? KeyPairGenerator.getInstance(algorithm) : KeyPairGenerator.getInstance(algorithm, bouncyCastle());
    }

    static Signature signature(String algorithm) throws NoSuchAlgorithmException {
        return jdkProviders ? Signature.getInstance(algorithm) : Signature.getInstance(algorithm, bouncyCastle());
    }

    static JcaContentSignerBuilder contentSigner(String algorithm) {
        JcaContentSignerBuilder builder = new JcaContentSignerBuilder(algorithm);
        return jdkProviders ? builder : builder.setProvider(bouncyCastle());
    }

    static JcaPEMKeyConverter keyConverter() {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        return jdkProviders ? converter : converter.setProvider(bouncyCastle());
    }
}
