package dev.inkan.bench;

import dev.inkan.engine.CaSpec;
import dev.inkan.engine.CertificateIssuer;
import dev.inkan.engine.CertificateProfile;
import dev.inkan.engine.IssuingAuthority;
import dev.inkan.engine.KeyType;
import dev.inkan.engine.LeafSpec;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;

/** The CA and request every benchmark shares: the same names as bench/run's REST and one-shot requests. */
final class Fixtures {
    static final String COMMON_NAME = "bench.local";
    static final List<String> DNS = List.of("bench.local", "www.bench.local");
    static final List<String> IPS = List.of("127.0.0.1");

    private Fixtures() {}

    static IssuingAuthority authority(KeyType type) {
        KeyPair key = type.generate();
        var root = CertificateIssuer.selfSignedRoot(CaSpec.root("Inkan Bench CA " + type.id(), 3650), key, Instant.now());
        return IssuingAuthority.of(List.of(root), key.getPrivate());
    }

    static LeafSpec spec() {
        return LeafSpec.of(COMMON_NAME, DNS, IPS, CertificateProfile.SERVER, 90);
    }
}
