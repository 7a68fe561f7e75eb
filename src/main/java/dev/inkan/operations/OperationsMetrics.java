package dev.inkan.operations;

import dev.inkan.authority.CertificateAuthority;
import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.issuance.CertificateQuery;
import dev.inkan.issuance.CertificateSummary;
import dev.inkan.issuance.IssuanceService;
import dev.inkan.issuance.StatusCounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Inkan's own Prometheus series. Gauges come from the database (the same on every instance: aggregate them with
 * {@code max}); counters count what this instance saw (aggregate with {@code sum}):
 * <ul>
 * <li>{@code inkan_certificates{ca, ca_name, status}}: certificates by CA and status (valid, expiring, expired, revoked)</li>
 * <li>{@code inkan_certificate_next_expiry_seconds{ca, ca_name}}: seconds until the CA's next unrevoked certificate expires</li>
 * <li>{@code inkan_ca_expiry_seconds{ca, ca_name}}: seconds until the CA certificate itself expires</li>
 * <li>{@code inkan_certificates_issued_total{ca}}, {@code inkan_certificates_revoked_total{ca}}: read from the audit trail</li>
 * <li>{@code inkan_webhook_deliveries_total{channel, outcome}}: attempts, outcome {@code delivered}, {@code failed}
 * (will be retried) or {@code given_up}</li>
 * </ul>
 * Latencies of issuance and revocation are Spring's {@code http_server_requests_seconds} histogram for
 * {@code uri="/api/v1/certificates"} and {@code uri="/api/v1/certificates/{id}/revoke"}.
 */
@Component
public class OperationsMetrics {

    private static final List<String> STATUSES = List.of("valid", "expiring", "expired", "revoked");

    private final MeterRegistry registry;
    private final IssuanceService issuance;
    private final CertificateAuthorityService authorities;
    private final Clock clock;
    private final MultiGauge certificates;
    private final MultiGauge nextExpiry;
    private final MultiGauge caExpiry;

    OperationsMetrics(MeterRegistry registry, IssuanceService issuance, CertificateAuthorityService authorities, Clock clock) {
        this.registry = registry;
        this.issuance = issuance;
        this.authorities = authorities;
        this.clock = clock;
        this.certificates = MultiGauge.builder("inkan.certificates").description("Certificates in the ledger by CA and status")
                .register(registry);
        this.nextExpiry = MultiGauge.builder("inkan.certificate.next.expiry").baseUnit("seconds")
                .description("Seconds until the next unrevoked certificate of the CA expires (absent when none is left)")
                .register(registry);
        this.caExpiry = MultiGauge.builder("inkan.ca.expiry").baseUnit("seconds")
                .description("Seconds until the CA certificate expires").register(registry);
    }

    /** Recomputes the gauges from the database. */
    public void refresh() {
        Instant now = clock.instant();
        List<MultiGauge.Row<?>> counts = new ArrayList<>();
        List<MultiGauge.Row<?>> next = new ArrayList<>();
        List<MultiGauge.Row<?>> cas = new ArrayList<>();
        for (CertificateAuthority ca : authorities.list()) {
            Tags tags = Tags.of("ca", Long.toString(ca.id()), "ca_name", ca.name());
            StatusCounts byStatus = issuance.counts(ca.id());
            long[] values = {byStatus.valid(), byStatus.expiring(), byStatus.expired(), byStatus.revoked()};
            for (int i = 0; i < STATUSES.size(); i++) {
                counts.add(MultiGauge.Row.of(tags.and("status", STATUSES.get(i)), values[i]));
            }
            List<CertificateSummary> soonest = issuance.search(new CertificateQuery(null, null, ca.id(), 36_500, 0, 1, "notAfter")).items();
            if (!soonest.isEmpty()) {
                next.add(MultiGauge.Row.of(tags, Duration.between(now, soonest.get(0).notAfter()).toSeconds()));
            }
            cas.add(MultiGauge.Row.of(tags, Duration.between(now, ca.notAfter()).toSeconds()));
        }
        certificates.register(counts, true);
        nextExpiry.register(next, true);
        caExpiry.register(cas, true);
    }

    void audited(EventType type, Long caId) {
        String name = type == EventType.CERTIFICATE_ISSUED ? "inkan.certificates.issued" : "inkan.certificates.revoked";
        Counter.builder(name).description("Certificates " + (type == EventType.CERTIFICATE_ISSUED ? "issued" : "revoked")
                + ", as read from the audit trail by this instance").tag("ca", String.valueOf(caId)).register(registry).increment();
    }

    void deliveryAttempt(String target, boolean delivered, boolean givenUp) {
        String outcome = delivered ? "delivered" : givenUp ? "given_up" : "failed";
        Counter.builder("inkan.webhook.deliveries").description("Delivery attempts of notifications by outcome")
                .tags("channel", target.startsWith("mailto:") ? "email" : "webhook", "outcome", outcome)
                .register(registry).increment();
    }
}
