package dev.inkan.bench;

import dev.inkan.engine.CertificateBundle;
import dev.inkan.engine.CertificateIssuer;
import dev.inkan.engine.IssuingAuthority;
import dev.inkan.engine.KeyType;
import dev.inkan.engine.LeafSpec;
import java.security.KeyPair;
import java.security.Signature;
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

/**
 * One leaf certificate per call, by the CA's key type, against the raw signature over a
 * to-be-signed body of the same size: {@code leaf - rawSignature} is what building, encoding and
 * converting the certificate costs. {@code serverSideIssue} is the engine's share of one REST
 * {@code POST /api/v1/certificates}: validate the request, generate the key, sign, build the
 * bundle (which proves the key matches) and encode both PEMs.
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
    private X509Certificate issued;

    @Setup
    public void setUp() {
        caKey = caKeyType.generate();
        var root = CertificateIssuer.selfSignedRoot(dev.inkan.engine.CaSpec.root("Inkan Bench CA", 3650), caKey, Instant.now());
        ca = IssuingAuthority.of(java.util.List.of(root), caKey.getPrivate());
        leafKey = KeyType.EC_P256.generate();
        spec = Fixtures.spec();
        issued = CertificateIssuer.leaf(spec, leafKey.getPublic(), ca, Instant.now());
        toBeSigned = tbs(issued);
    }

    private static byte[] tbs(X509Certificate certificate) {
        try {
            return certificate.getTBSCertificate();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Benchmark
    public byte[] rawSignature() throws Exception {
        Signature signature = Signature.getInstance(caKeyType.signatureAlgorithm(), dev.inkan.engine.BouncyCastle.PROVIDER);
        signature.initSign(caKey.getPrivate(), dev.inkan.engine.BouncyCastle.random());
        signature.update(toBeSigned);
        return signature.sign();
    }

    @Benchmark
    public LeafSpec requestValidation() {
        return Fixtures.spec();
    }

    @Benchmark
    public X509Certificate leaf() {
        return CertificateIssuer.leaf(spec, leafKey.getPublic(), ca, Instant.now());
    }

    @Benchmark
    public CertificateBundle bundleWithKeyCheck() {
        return new CertificateBundle(issued, ca.chain(), leafKey.getPrivate());
    }

    @Benchmark
    public String serverSideIssue() {
        LeafSpec request = Fixtures.spec();
        KeyPair key = KeyType.EC_P256.generate();
        X509Certificate certificate = CertificateIssuer.leaf(request, key.getPublic(), ca, Instant.now());
        CertificateBundle bundle = new CertificateBundle(certificate, ca.chain(), key.getPrivate());
        return bundle.certificatePem() + bundle.privateKeyPem();
    }
}
