package dev.inkan.bench;

import dev.inkan.engine.KeyType;
import java.security.KeyPair;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** {@link KeyType#generate()} per key type: the server-side key of every REST newcert and one-shot run. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KeyGenerationBenchmarks {

    /** RSA 3072/4096 take tens to hundreds of ms per key; add them with -p keyType=RSA_3072 when wanted. */
    @Param({"EC_P256", "EC_P384", "RSA_2048", "ED25519"})
    public KeyType keyType;

    @Benchmark
    public KeyPair generate() {
        return keyType.generate();
    }
}
