package dev.inkan.operations;

import dev.inkan.authority.CertificateAuthority;
import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.issuance.CertificateQuery;
import dev.inkan.issuance.CertificateSummary;
import dev.inkan.issuance.CertificateRecords;
import dev.inkan.issuance.LedgerChange;
import dev.inkan.issuance.StatusCounts;
import dev.inkan.metrics.QueryGauges;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.DoubleSupplier;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Inkan's own Prometheus series. Gauges are {@link QueryGauges} families over the ledger (the same on every instance:
 * aggregate them with {@code max}); counters count what this instance saw (aggregate with {@code sum}):
 * <ul>
 * <li>{@code inkan_certificates{ca, ca_name, status}}: certificates by CA and status (valid, expiring, expired, revoked)</li>
 * <li>{@code inkan_certificate_next_expiry_seconds{ca, ca_name}}: seconds until the CA's next unrevoked certificate expires</li>
 * <li>{@code inkan_ca_expiry_seconds{ca, ca_name}}: seconds until the CA certificate itself expires</li>
 * <li>{@code inkan_certificates_issued_total{ca}}, {@code inkan_certificates_revoked_total{ca}}: read from the audit trail</li>
 * <li>{@code inkan_webhook_deliveries_total{channel, outcome}}: attempts, outcome {@code delivered}, {@code failed}
 * (will be retried) or {@code given_up}</li>
 * <li>{@code inkan_issuance_seconds{ca, key_type, origin}}, {@code inkan_revocation_seconds{ca}}: histograms of the time
 * from request to commit on this instance, whichever way it came (REST, UI, ACME)</li>
 * </ul>
 * The revocation module adds {@code inkan_crl_age_seconds} and {@code inkan_crl_next_update_seconds}, the ACME module
 * {@code inkan_acme_orders{ca, ca_name, status}}.
 */
@Component
public class OperationsMetrics {

    private static final List<String> STATUSES = List.of("valid", "expiring", "expired", "revoked");

    private final MeterRegistry registry;

    OperationsMetrics(MeterRegistry registry, QueryGauges gauges, CertificateRecords issuance, CertificateAuthorityService authorities,
                      Clock clock) {
        this.registry = registry;
        gauges.declare("inkan.certificates", null, "Certificates in the ledger by CA and status", () -> perCa(authorities, (ca, rows) -> {
            StatusCounts byStatus = issuance.counts(ca.id());
            long[] values = {byStatus.valid(), byStatus.expiring(), byStatus.expired(), byStatus.revoked()};
            for (int i = 0; i < STATUSES.size(); i++) {
                rows.put(tags(ca).and("status", STATUSES.get(i)), QueryGauges.value(values[i]));
            }
        }));
        gauges.declare("inkan.certificate.next.expiry", "seconds",
                "Seconds until the next unrevoked certificate of the CA expires (absent when none is left)", () -> perCa(authorities, (ca, rows) -> {
                    List<CertificateSummary> soonest = issuance.search(new CertificateQuery(null, null, ca.id(), 36_500, 0, 1, "notAfter")).items();
                    if (!soonest.isEmpty()) {
                        rows.put(tags(ca), secondsUntil(soonest.get(0).notAfter(), clock));
                    }
                }));
        gauges.declare("inkan.ca.expiry", "seconds", "Seconds until the CA certificate expires",
                () -> perCa(authorities, (ca, rows) -> rows.put(tags(ca), secondsUntil(ca.notAfter(), clock))));
        // the failure series exist from the start, so increase() and alerts see their first failure
        for (String channel : List.of("webhook", "email")) {
            for (String outcome : List.of("delivered", "failed", "given_up")) {
                deliveries(channel, outcome);
            }
        }
    }

    private static Map<Tags, DoubleSupplier> perCa(CertificateAuthorityService authorities,
                                                   BiConsumer<CertificateAuthority, Map<Tags, DoubleSupplier>> row) {
        Map<Tags, DoubleSupplier> rows = new HashMap<>();
        authorities.list().forEach(ca -> row.accept(ca, rows));
        return rows;
    }

    private static Tags tags(CertificateAuthority ca) {
        return Tags.of("ca", Long.toString(ca.id()), "ca_name", ca.name());
    }

    private static DoubleSupplier secondsUntil(Instant instant, Clock clock) {
        return () -> Duration.between(clock.instant(), instant).toSeconds();
    }

    private Counter deliveries(String channel, String outcome) {
        return Counter.builder("inkan.webhook.deliveries").description("Delivery attempts of notifications by outcome")
                .tags("channel", channel, "outcome", outcome).register(registry);
    }

    void audited(EventType type, Long caId) {
        String name = type == EventType.CERTIFICATE_ISSUED ? "inkan.certificates.issued" : "inkan.certificates.revoked";
        Counter.builder(name).description("Certificates " + (type == EventType.CERTIFICATE_ISSUED ? "issued" : "revoked")
                + ", as read from the audit trail by this instance").tag("ca", String.valueOf(caId)).register(registry).increment();
    }

    /** Percentile histograms (Prometheus {@code _bucket} series) from 1 ms to 30 s: RSA-4096 key generation takes seconds. */
    @EventListener
    void ledgerChanged(LedgerChange change) {
        Timer.Builder timer = change.kind() == LedgerChange.Kind.ISSUED
                ? Timer.builder("inkan.issuance").description("Time from an issuance request to its commit, key generation and signing included")
                        .tags("ca", Long.toString(change.caId()), "key_type", change.keyType(), "origin", change.origin().id())
                : Timer.builder("inkan.revocation").description("Time from a revocation request to its commit")
                        .tags("ca", Long.toString(change.caId()));
        timer.publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry).record(change.took());
    }

    void deliveryAttempt(String target, boolean delivered, boolean givenUp) {
        String outcome = delivered ? "delivered" : givenUp ? "given_up" : "failed";
        deliveries(target.startsWith("mailto:") ? "email" : "webhook", outcome).increment();
    }
}
