package dev.inkan.bench;

import dev.inkan.engine.CertificateBundle;
import dev.inkan.engine.CertificateIssuer;
import dev.inkan.engine.IssuingAuthority;
import dev.inkan.engine.KeyType;
import dev.inkan.engine.LeafSpec;
import dev.inkan.engine.Pem;
import dev.inkan.engine.SigningRequest;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Everything on the issuance path that is not the signature, for a leaf key of each type: request
 * validation, PEM encoding of what a response carries, the JCA conversion {@code CertificateIssuer}
 * does after signing, the key check {@code CertificateBundle} does on construction, and CSR parsing
 * with its signature check ({@code POST .../csr}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodecBenchmarks {

    /** The key type of the leaf (and of the CSR). */
    @Param({"EC_P256", "RSA_2048"})
    public KeyType keyType;

    private IssuingAuthority ca;
    private X509Certificate certificate;
    private X509CertificateHolder holder;
    private KeyPair key;
    private String csrPem;
    private final JcaX509CertificateConverter converter = new JcaX509CertificateConverter();

    @Setup
    public void setUp() {
        ca = Fixtures.authority(KeyType.EC_P256);
        key = keyType.generate();
        certificate = CertificateIssuer.leaf(Fixtures.spec(), key.getPublic(), ca, Instant.now());
        holder = CertificateIssuer.holder(certificate);
        csrPem = Pem.encode(SigningRequest.create(key, Fixtures.spec()));
    }

    @Benchmark
    public LeafSpec requestValidation() {
        return Fixtures.spec();
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
    public X509Certificate holderToJcaCertificate() throws Exception {
        return converter.getCertificate(holder);
    }

    @Benchmark
    public CertificateBundle bundleWithKeyCheck() {
        return new CertificateBundle(certificate, ca.chain(), key.getPrivate());
    }

    @Benchmark
    public SigningRequest csrParseAndVerify() {
        return SigningRequest.parse("csr", csrPem);
    }
}
