package dev.inkan.authority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inkan.testing.RunningService;
import java.time.Clock;
import java.util.Base64;
import dev.inkan.cluster.ClusterLock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A CA's certificate and chain are public: reading them never opens its sealed key. Proved with a
 * service whose master key is the wrong one, so that any attempt to open a key fails.
 */
class CaCertificatesWithoutKeyTests extends RunningService {

    @Autowired
    CertificateAuthorityStore store;
    @Autowired
    AuditedChanges changes;
    @Autowired
    ClusterLock clusterLock;

    @Test
    void certificatesAndChainsAreReadWithoutTheMasterKey() {
        var wrongKey = MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));
        var authorities = new CertificateAuthorityService(store, changes, wrongKey, Clock.systemUTC(), clusterLock);

        CertificateAuthority ca = authorities.defaultAuthority();
        assertThat(ca.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(authorities.chain(ca.id())).hasSize(1);
        assertThat(new String(anonymous().get("/ca.pem").body(), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(ca.certificatePem());
        assertThatThrownBy(() -> authorities.forIssuing(ca.id())).as("signing does need the key")
                .hasMessageContaining("does not decrypt with this master key");
    }
}
