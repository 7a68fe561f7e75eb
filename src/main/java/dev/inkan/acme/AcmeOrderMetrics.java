package dev.inkan.acme;

import dev.inkan.authority.CertificateAuthority;
import dev.inkan.authority.CertificateAuthorityService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code inkan_acme_orders{ca, ca_name, status}}: the ACME orders of each CA by their stored status (RFC 8555 §7.1.6:
 * pending, ready, processing, valid, invalid), read from the database every {@code inkan.notifications.metrics-refresh}
 * (the same on every instance: aggregate with {@code max}). A climbing {@code invalid} is clients failing their challenges.
 */
@Component
class AcmeOrderMetrics {

    private static final List<AcmeStatus> ORDER_STATUSES =
            List.of(AcmeStatus.PENDING, AcmeStatus.READY, AcmeStatus.PROCESSING, AcmeStatus.VALID, AcmeStatus.INVALID);

    private final CertificateAuthorityService authorities;
    private final JdbcClient jdbc;
    private final AtomicReference<Map<Tags, Double>> latest = new AtomicReference<>(Map.of());
    private final MultiGauge orders;

    AcmeOrderMetrics(MeterRegistry registry, CertificateAuthorityService authorities, JdbcClient jdbc) {
        this.authorities = authorities;
        this.jdbc = jdbc;
        this.orders = MultiGauge.builder("inkan.acme.orders").description("ACME orders by CA and status").register(registry);
    }

    @Scheduled(fixedDelayString = "${inkan.notifications.metrics-refresh:15s}")
    void refresh() {
        Map<String, Long> stored = new HashMap<>();
        jdbc.sql("SELECT a.ca_id, o.status, COUNT(*) AS n FROM acme_order o JOIN acme_account a ON a.id = o.account_id"
                + " GROUP BY a.ca_id, o.status").query(rs -> {
                    stored.put(rs.getLong("ca_id") + "/" + rs.getString("status"), rs.getLong("n"));
                });
        Map<Tags, Double> counts = new HashMap<>();
        for (CertificateAuthority ca : authorities.list()) {
            for (AcmeStatus status : ORDER_STATUSES) {
                counts.put(Tags.of("ca", Long.toString(ca.id()), "ca_name", ca.name(), "status", status.id()),
                        (double) stored.getOrDefault(ca.id() + "/" + status.name(), 0L));
            }
        }
        latest.set(counts);
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        // rows stay registered with a function over the latest counts (overwrite false): a scrape never sees a row twice
        counts.keySet().forEach(tags -> rows.add(MultiGauge.Row.of(tags, latest, current -> current.get().getOrDefault(tags, Double.NaN))));
        orders.register(rows, false);
    }
}
