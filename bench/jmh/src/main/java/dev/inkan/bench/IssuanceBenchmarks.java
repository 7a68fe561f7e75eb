package dev.inkan.bench;

import dev.inkan.engine.CryptoProviders;
import dev.inkan.engine.CaSpec;
import dev.inkan.engine.CertificateIssuer;
import dev.inkan.engine.IssuingAuthority;
import dev.inkan.engine.KeyType;
import dev.inkan.engine.LeafSpec;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One leaf certificate per call, by the CA's key type, against the raw signature over a
 * to-be-signed body of the same size: {@code leaf - rawSignature} is what building, encoding and
 * converting the certificate costs. {@code serverSideIssue} is the engine's share of one REST
 * {@code POST /api/v1/certificates} for an ECDSA P-256 key: validate the request, generate the key,
 * sign, and encode certificate and key as PEM.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class IssuanceBenchmarks {

    @Param({"EC_P256", "EC_P384", "RSA_2048"})
    public KeyType caKeyType;

    private IssuingAuthority ca;
    private KeyPair caKey;
    private KeyPair leafKey;
    private LeafSpec spec;
    private byte[] toBeSigned;

    @Setup
    public void setUp() throws CertificateEncodingException {
        caKey = caKeyType.generate();
        X509Certificate root = CertificateIssuer.selfSignedRoot(CaSpec.root("Inkan Bench CA", 3650), caKey, Instant.now());
        ca = IssuingAuthority.of(List.of(root), caKey.getPrivate());
        leafKey = KeyType.EC_P256.generate();
        spec = Fixtures.spec();
        toBeSigned = CertificateIssuer.leaf(spec, leafKey.getPublic(), ca, Instant.now()).getTBSCertificate();
    }

    @Benchmark
    public byte[] rawSignature() throws Exception {
        Signature signature = Signature.getInstance(caKeyType.signatureAlgorithm(), CryptoProviders.bouncyCastle());
        signature.initSign(caKey.getPrivate(), CryptoProviders.random());
        signature.update(toBeSigned);
        return signature.sign();
    }

    @Benchmark
    public X509Certificate leaf() {
        return CertificateIssuer.leaf(spec, leafKey.getPublic(), ca, Instant.now());
    }

    @Benchmark
    public String serverSideIssue() {
        LeafSpec request = Fixtures.spec();
        KeyPair key = KeyType.EC_P256.generate();
        X509Certificate certificate = CertificateIssuer.leaf(request, key.getPublic(), ca, Instant.now());
        return dev.inkan.engine.Pem.encode(certificate) + dev.inkan.engine.Pem.encode(key.getPrivate());
    }
}
