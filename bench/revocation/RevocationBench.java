import dev.inkan.engine.CaSpec;
import dev.inkan.engine.CertificateIssuer;
import dev.inkan.engine.CertificateProfile;
import dev.inkan.engine.CrlBuilder;
import dev.inkan.engine.CrlContent;
import dev.inkan.engine.IssuingAuthority;
import dev.inkan.engine.KeyType;
import dev.inkan.engine.LeafSpec;
import dev.inkan.engine.RevocationUrls;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Engine-level revocation figures: CRL generation time and size at N revoked entries, and leaf issuance
 * cost with and without the CRL distribution point + AIA extensions (same CA, same key, alternating rounds).
 * Run by bench/revocation/run.sh with target/classes and Bouncy Castle on the class path.
 */
public class RevocationBench {
    public static void main(String[] args) {
        int entries = Integer.parseInt(args.length > 0 ? args[0] : "100000");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        KeyPair caKey = KeyType.EC_P256.generate();
        var caCert = CertificateIssuer.selfSignedRoot(CaSpec.root("Bench Root", 3650), caKey, now);
        IssuingAuthority ca = IssuingAuthority.of(List.of(caCert), caKey.getPrivate());
        Random random = new Random(1);
        List<CrlContent.Entry> revoked = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            revoked.add(new CrlContent.Entry(new BigInteger(159, random).setBit(158), now.minusSeconds(i), i % 2 == 0 ? 1 : 4,
                    i % 2 == 0 ? now.minusSeconds(i) : null));
        }
        CrlContent content = CrlContent.full(BigInteger.ONE, now, now.plus(Duration.ofDays(7)), revoked);
        byte[] der = null;
        long best = Long.MAX_VALUE;
        long bestCpu = Long.MAX_VALUE;
        // wall time and this thread's CPU time: on a shared, overloaded machine only the second means much
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < Integer.getInteger("rounds", 5); round++) {
            long start = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            der = CrlBuilder.build(caCert, content, ca.newSigner());
            best = Math.min(best, System.nanoTime() - start);
            bestCpu = Math.min(bestCpu, threads.getCurrentThreadCpuTime() - cpu);
        }
        System.out.printf("crl entries=%d bytes=%d best_ms=%.1f best_cpu_ms=%.1f%n", entries, der.length, best / 1e6, bestCpu / 1e6);
        if (Boolean.getBoolean("crlOnly")) {
            return;
        }

        IssuingAuthority withUrls = IssuingAuthority.of(List.of(caCert), caKey.getPrivate(), () -> new RevocationUrls("http://127.0.0.1:8080/crl/1.crl",
                "http://127.0.0.1:8080/ocsp", "http://127.0.0.1:8080/crl/1.cer"));
        LeafSpec spec = LeafSpec.of("bench.local", List.of("bench.local"), List.of(), CertificateProfile.SERVER, 90);
        PublicKey leafKey = KeyType.EC_P256.generate().getPublic();
        int n = Integer.getInteger("leaves", 3000);
        for (int warm = 0; warm < 3; warm++) {
            time(spec, leafKey, ca, now, n);
            time(spec, leafKey, withUrls, now, n);
        }
        double plain = Double.MAX_VALUE;
        double urls = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            plain = Math.min(plain, time(spec, leafKey, ca, now, n));
            urls = Math.min(urls, time(spec, leafKey, withUrls, now, n));
        }
        int plainBytes = encoded(CertificateIssuer.leaf(spec, leafKey, ca, now));
        int urlBytes = encoded(CertificateIssuer.leaf(spec, leafKey, withUrls, now));
        System.out.printf("issue without_urls_cpu_us=%.1f with_urls_cpu_us=%.1f overhead_pct=%.1f bytes_without=%d bytes_with=%d%n",
                plain, urls, (urls / plain - 1) * 100, plainBytes, urlBytes);
    }

    /** µs of this thread's CPU per leaf (wall time means little on a shared, overloaded machine). */
    static double time(LeafSpec spec, PublicKey key, IssuingAuthority ca, Instant now, int n) {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            CertificateIssuer.leaf(spec, key, ca, now);
        }
        return (threads.getCurrentThreadCpuTime() - start) / 1e3 / n;
    }

    static int encoded(java.security.cert.X509Certificate certificate) {
        try {
            return certificate.getEncoded().length;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
