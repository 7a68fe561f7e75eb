package dev.inkan.bench;

import dev.inkan.engine.CertificateIssuer;
import dev.inkan.engine.IssuingAuthority;
import dev.inkan.engine.KeyType;
import dev.inkan.engine.Pem;
import dev.inkan.engine.SigningRequest;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** PEM encoding of what a response carries, and CSR parsing with its signature check (POST .../csr). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodecBenchmarks {

    /** The key type of the CSR (and of the key whose PEM is written). */
    @Param({"EC_P256", "RSA_2048"})
    public KeyType keyType;

    private X509Certificate certificate;
    private KeyPair key;
    private String csrPem;

    @Setup
    public void setUp() {
        IssuingAuthority ca = Fixtures.authority(KeyType.EC_P256);
        key = keyType.generate();
        certificate = CertificateIssuer.leaf(Fixtures.spec(), key.getPublic(), ca, Instant.now());
        csrPem = Pem.encode(SigningRequest.create(key, Fixtures.spec()));
    }

    @Benchmark
    public String certificatePem() {
        return Pem.encode(certificate);
    }

    @Benchmark
    public String privateKeyPem() {
        return Pem.encode(key.getPrivate());
    }

    @Benchmark
    public SigningRequest csrParseAndVerify() {
        return SigningRequest.parse("csr", csrPem);
    }
}
