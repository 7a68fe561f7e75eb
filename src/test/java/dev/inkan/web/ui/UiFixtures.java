package dev.inkan.web.ui;

import dev.inkan.authority.AuditAction;
import dev.inkan.authority.AuditTrail;
import dev.inkan.authority.CaKind;
import dev.inkan.authority.CertificateAuthority;
import dev.inkan.engine.CaSpec;
import dev.inkan.engine.CertificateDescription;
import dev.inkan.engine.CertificateIssuer;
import dev.inkan.engine.CertificateProfile;
import dev.inkan.engine.IssuingAuthority;
import dev.inkan.engine.KeyType;
import dev.inkan.engine.LeafSpec;
import dev.inkan.engine.Pem;
import dev.inkan.issuance.CertificateDetails;
import dev.inkan.testing.TestPki;
import dev.inkan.issuance.CertificateOrigin;
import dev.inkan.issuance.CertificateStatus;
import dev.inkan.issuance.CertificateSummary;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/** Real certificates (made by the engine) wrapped in the services' records, for the slice tests. */
final class UiFixtures {

    static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");
    static final TestPki PKI = TestPki.root(CaSpec.root("Test Root CA", 3650), KeyType.EC_P256, NOW);
    static final X509Certificate CA_CERT = PKI.certificate();
    static final X509Certificate LEAF = PKI.leaf(
            LeafSpec.of("app.test", List.of("app.test", "api.test"), List.of("10.0.0.7"), CertificateProfile.SERVER, 365),
            KeyType.EC_P256).certificate();

    private UiFixtures() {}

    static CertificateAuthority ca(long id, List<String> permittedDns) {
        return ca(id, "Test Root CA", permittedDns);
    }

    static CertificateAuthority ca(long id, String name, List<String> permittedDns) {
        CertificateDescription details = CertificateDescription.of(CA_CERT);
        String pem = Pem.encode(CA_CERT);
        return new CertificateAuthority(id, name, CaKind.ROOT, null, details.subject(), details.serialNumber(),
                "ecdsa-p256", details.notBefore(), details.notAfter(), details.sha256Fingerprint().replace(":", "").toLowerCase(),
                permittedDns, List.of(), permittedDns.isEmpty() ? "unconstrained: this CA can sign for any name"
                        : "only " + String.join(", ", permittedDns) + " and names below them, and no IP address",
                id == 1, NOW, pem, pem, details);
    }

    static CertificateSummary summary(long id, CertificateStatus status) {
        return new CertificateSummary(id, LEAF.getSerialNumber().toString(16), "app.test", List.of("app.test", "api.test"),
                List.of("10.0.0.7"), "server", "ecdsa-p256", 1, NOW, NOW.plusSeconds(365L * 86400), status,
                status.isRevoked() ? NOW : null, status.isRevoked() ? "keyCompromise" : null,
                CertificateOrigin.GENERATED, true, NOW, "admin");
    }

    static CertificateDetails details(long id, CertificateStatus status, boolean keyStored) {
        CertificateSummary s = summary(id, status);
        return new CertificateDetails(s.id(), s.serialNumber(), s.commonName(), s.dnsNames(), s.ipAddresses(), s.profile(),
                s.keyType(), s.caId(), "Test Root CA", s.notBefore(), s.notAfter(), s.status(), s.revokedAt(), s.revocationReason(),
                s.origin(), keyStored, s.createdAt(), s.createdBy(), CertificateDescription.of(LEAF), Pem.encode(LEAF),
                Pem.encode(CA_CERT), List.of(new AuditTrail.Event(1, NOW, "admin", AuditAction.ISSUED, 1L, id, "issued")));
    }
}
