package dev.inkan.authority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inkan.cluster.ClusterLock;
import dev.inkan.engine.ConflictException;
import dev.inkan.engine.CrlBuilder;
import dev.inkan.engine.CrlContent;
import dev.inkan.testing.Processes;
import dev.inkan.testing.RunningService;
import dev.inkan.testing.Tools;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The day after a CA's certificate ends (RFC 5280 §6.1.3: nothing it signs could pass path validation) it
 * issues nothing more — yet it still signs revocation information about what it issued, because a CRL of
 * an expired CA is how relying parties learn of revocations that happened before the end. Proved with the
 * service's real CA, store and master key, read through a clock set after the CA's notAfter.
 */
class ExpiredCaTests extends RunningService {

    @Autowired
    CertificateAuthorityStore store;
    @Autowired
    AuditedChanges changes;
    @Autowired
    MasterKey masterKey;
    @Autowired
    ClusterLock clusterLock;

    @Test
    void anExpiredCaRefusesToIssueSaysWhyAndStillSignsACrlOpensslVerifies() throws Exception {
        var today = new CertificateAuthorityService(store, changes, masterKey, Clock.systemUTC(), clusterLock);
        long id = today.defaultAuthority().id();
        Instant afterExpiry = today.forIssuing(id).authority().certificate().getNotAfter().toInstant().plus(Duration.ofDays(1));
        var later = new CertificateAuthorityService(store, changes, masterKey, Clock.fixed(afterExpiry, ZoneOffset.UTC), clusterLock);

        assertThat(today.forSigning(id).id()).as("the same CA signs today").isEqualTo(id);
        assertThatThrownBy(() -> later.forSigning(id)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("its certificate expired on").hasMessageContaining("issue from another CA");

        CertificateAuthorityService.ActiveCa expired = later.forIssuing(id);
        byte[] crl = CrlBuilder.build(expired.authority().certificate(), CrlContent.full(BigInteger.ONE, afterExpiry,
                afterExpiry.plus(Duration.ofDays(7)), List.of(new CrlContent.Entry(BigInteger.valueOf(4242),
                        afterExpiry.minus(Duration.ofDays(30)), 1, null))), expired.authority().newSigner());
        Path dir = Files.createTempDirectory(Tools.buildDir(), "expired-ca");
        Path ca = Files.writeString(dir.resolve("ca.pem"), dev.inkan.engine.Pem.encode(expired.authority().certificate()));
        Path der = Files.write(dir.resolve("ca.crl"), crl);
        var verified = Processes.run(List.of("openssl", "crl", "-inform", "DER", "-in", der.toString(), "-CAfile", ca.toString(),
                "-noout", "-text"));
        assertThat(verified.stdout() + verified.stderr()).contains("verify OK").contains("Serial Number: 1092")
                .contains("Key Compromise");
    }
}
