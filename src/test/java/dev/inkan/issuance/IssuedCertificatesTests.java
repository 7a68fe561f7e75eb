package dev.inkan.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.engine.Pem;
import dev.inkan.testing.RunningService;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The ledger as the revocation and ACME modules see it: keyed by issuer and serial, with status,
 * revocation time and reason, over the real database of the running service.
 */
class IssuedCertificatesTests extends RunningService {

    @Autowired
    IssuedCertificates ledger;

    @Test
    void aRevokedCertificateIsListedUnderItsCaWithTimeAndReasonAndStandsRevoked() {
        JsonNode issued = api().post("/api/v1/certificates", "{\"commonName\":\"ledger-a.test\"}").json();
        long caId = issued.path("caId").asLong();
        BigInteger serial = new BigInteger(issued.path("serialNumber").asString(), 16);
        Instant now = Instant.now();

        assertThat(ledger.standing(caId, serial, now)).get().satisfies(s -> {
            assertThat(s.status()).isEqualTo(CertificateStatus.VALID);
            assertThat(s.certificateId()).isEqualTo(issued.path("id").asLong());
            assertThat(s.revokedAt()).isNull();
        });
        assertThat(ledger.revocations(caId)).noneMatch(r -> r.serialNumber().equals(serial));

        assertThat(api().post("/api/v1/certificates/" + issued.path("id").asLong() + "/revoke", "{\"reason\":\"keyCompromise\"}")
                .status()).isEqualTo(200);

        assertThat(ledger.standing(caId, serial, now)).get().satisfies(s -> {
            assertThat(s.status()).isEqualTo(CertificateStatus.REVOKED);
            assertThat(s.reason()).isEqualTo(RevocationReason.KEY_COMPROMISE);
            assertThat(s.revokedAt()).isNotNull();
        });
        assertThat(ledger.revocations(caId)).filteredOn(r -> r.serialNumber().equals(serial)).singleElement()
                .satisfies(r -> {
                    assertThat(r.reason()).isEqualTo(RevocationReason.KEY_COMPROMISE);
                    assertThat(r.revokedAt()).isBeforeOrEqualTo(Instant.now());
                });
        assertThat(ledger.revoke(caId, serial, RevocationReason.SUPERSEDED, Instant.now())).as("revocation is final").isFalse();
    }

    @Test
    void aSerialIsKnownOnlyUnderTheCaThatIssuedIt() {
        JsonNode issued = api().post("/api/v1/certificates", "{\"commonName\":\"ledger-b.test\"}").json();
        long caId = issued.path("caId").asLong();
        BigInteger serial = new BigInteger(issued.path("serialNumber").asString(), 16);

        assertThat(ledger.standing(caId + 1000, serial, Instant.now())).isEmpty();
        assertThat(ledger.standing(caId, serial.add(BigInteger.ONE), Instant.now())).isEmpty();
        assertThat(ledger.revoke(caId + 1000, serial, RevocationReason.UNSPECIFIED, Instant.now())).isFalse();
    }

    @Test
    void aCertificateRecordedWithOriginAcmeReadsBackAsAcme() throws Exception {
        JsonNode issued = api().post("/api/v1/certificates", "{\"commonName\":\"ledger-c.test\"}").json();
        long caId = issued.path("caId").asLong();
        byte[] der = Pem.readCertificates("pem", issued.path("certificatePem").asString()).get(0).getEncoded();
        Instant now = Instant.now();

        long id = ledger.record(new IssuedCertificates.Entry(caId, "7eadbeef01", "acme.ledger.test", List.of("acme.ledger.test"),
                List.of(), "server", "ecdsa-p256", CertificateOrigin.ACME, now, now.plusSeconds(86_400), der, null, now, "acme-account-1"));

        assertThat(api().get("/api/v1/certificates/" + id).json().path("origin").asString()).isEqualTo("acme");
        assertThat(ledger.standing(caId, new BigInteger("7eadbeef01", 16), now)).get()
                .satisfies(s -> assertThat(s.certificateId()).isEqualTo(id));
    }
}
