package dev.inkan.bench;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** For reference: raw P-256 key generation, signing and verification in Bouncy Castle vs the JDK's SunEC. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ProviderBenchmarks {

    @Param({"BC", "SunEC"})
    public String provider;

    private Provider jca;
    private final SecureRandom random = new SecureRandom();
    private KeyPair key;
    private byte[] message;
    private byte[] signature;

    @Setup
    public void setUp() throws Exception {
        jca = provider.equals("BC") ? dev.inkan.engine.CryptoProviders.bouncyCastle() : Security.getProvider(provider);
        key = generate();
        message = new byte[400];
        random.nextBytes(message);
        signature = sign();
    }

    @Benchmark
    public KeyPair generate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", jca);
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    @Benchmark
    public byte[] sign() throws Exception {
        Signature s = Signature.getInstance("SHA256withECDSA", jca);
        s.initSign(key.getPrivate(), random);
        s.update(message);
        return s.sign();
    }

    @Benchmark
    public boolean verify() throws Exception {
        Signature s = Signature.getInstance("SHA256withECDSA", jca);
        s.initVerify(key.getPublic());
        s.update(message);
        return s.verify(signature);
    }
}
