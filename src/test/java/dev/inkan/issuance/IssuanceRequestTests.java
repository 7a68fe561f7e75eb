package dev.inkan.issuance;

import dev.inkan.engine.Field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inkan.engine.InvalidInputException;
import dev.inkan.engine.KeyType;
import dev.inkan.engine.PolicyViolationException;
import dev.inkan.engine.RequestRejectedException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The requests validate themselves with the messages the API and the UI both show, naming the field the user filled. */
class IssuanceRequestTests {

    @Test
    void defaultsAreEcdsaP256ServerOneYearAndTheDefaultCa() {
        var valid = new IssuanceRequest(null, List.of("App.Test."), null, null, null, null, null).validate();
        assertThat(valid.keyType()).isEqualTo(KeyType.EC_P256);
        assertThat(valid.spec().commonName()).isEqualTo("app.test");
        assertThat(valid.spec().validityDays()).isEqualTo(365);
        assertThat(valid.caId()).isNull();
    }

    @Test
    void anErrorInTheFirstDnsNameBlamesDnsNamesNotTheDerivedCommonName() {
        assertThatThrownBy(() -> new IssuanceRequest(null, List.of("*.com"), null, null, null, null, null).validate())
                .isInstanceOf(PolicyViolationException.class)
                .satisfies(e -> assertThat(((RequestRejectedException) e).field(Field::name)).isEqualTo("DNS_NAMES"));
        assertThatThrownBy(() -> new IssuanceRequest(null, null, List.of("1.2.3.999"), null, null, null, null).validate())
                .satisfies(e -> assertThat(((RequestRejectedException) e).field(Field::name)).isEqualTo("IP_ADDRESSES"));
        assertThatThrownBy(() -> new IssuanceRequest(null, List.of(), List.of(), null, null, null, null).validate())
                .satisfies(e -> assertThat(((RequestRejectedException) e).field(Field::name)).isEqualTo("COMMON_NAME"));
    }

    @Test
    void queriesParseTheirFiltersAndRefuseNonsense() {
        var query = new CertificateQuery(" App ", "EXPIRING", 2L, 7, 3, 20, "notAfter").validate();
        assertThat(query.q()).isEqualTo("app");
        assertThat(query.status()).isEqualTo(CertificateStatus.EXPIRING);
        assertThat(query.offset()).isEqualTo(60);
        assertThat(query.sort()).isEqualTo(CertificateQuery.Sort.EXPIRY);
        assertThatThrownBy(() -> new CertificateQuery(null, null, null, null, null, 0, null).validate())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("size");
    }

    @Test
    void statusIsRevokedThenExpiredThenExpiringWithin30DaysThenValid() {
        Instant now = Instant.parse("2026-06-01T00:00:00Z");
        assertThat(CertificateStatus.of(true, now.plusSeconds(86_400 * 90), now)).isEqualTo(CertificateStatus.REVOKED);
        assertThat(CertificateStatus.of(false, now, now)).isEqualTo(CertificateStatus.EXPIRED);
        assertThat(CertificateStatus.of(false, now.plusSeconds(86_400 * 29), now)).isEqualTo(CertificateStatus.EXPIRING);
        assertThat(CertificateStatus.of(false, now.plusSeconds(86_400 * 31), now)).isEqualTo(CertificateStatus.VALID);
    }

    @Test
    void revocationReasonsAreRfc5280NamesOrCodesAndHoldIsNotOffered() {
        assertThat(RevocationReason.parse("reason", "key-compromise")).isEqualTo(RevocationReason.KEY_COMPROMISE);
        assertThat(RevocationReason.parse("reason", "4")).isEqualTo(RevocationReason.SUPERSEDED);
        assertThat(RevocationReason.parse("reason", null)).isEqualTo(RevocationReason.UNSPECIFIED);
        assertThatThrownBy(() -> RevocationReason.parse("reason", "certificateHold")).hasMessageContaining("RFC 5280");
    }

    @Test
    void searchTermsAreEachNameAndItsTailsAfterEachDot() {
        var entry = new CertificateLedger.Entry(1, "01", "www.app.test", List.of("www.app.test", "*.api.test"), List.of("10.0.0.1"),
                "server", "ecdsa-p256", CertificateOrigin.GENERATED, Instant.now(), Instant.now(), new byte[0], null, Instant.now(), "t");
        assertThat(CertificateLedger.terms(entry)).containsExactly("www.app.test", "app.test", "test", "*.api.test", "api.test", "10.0.0.1");
    }
}
