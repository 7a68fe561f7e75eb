package dev.inkan.acme;

import dev.inkan.authority.CertificateAuthority;
import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.metrics.QueryGauges;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code inkan_acme_orders{ca, ca_name, status}}: the ACME orders of each CA by their stored status (RFC 8555 §7.1.6:
 * pending, ready, processing, valid, invalid), a {@link QueryGauges} family. A climbing {@code invalid} is clients
 * failing their challenges.
 */
@Component
class AcmeOrderMetrics {

    private static final List<AcmeStatus> ORDER_STATUSES =
            List.of(AcmeStatus.PENDING, AcmeStatus.READY, AcmeStatus.PROCESSING, AcmeStatus.VALID, AcmeStatus.INVALID);

    AcmeOrderMetrics(QueryGauges gauges, CertificateAuthorityService authorities, JdbcClient jdbc) {
        gauges.declare("inkan.acme.orders", null, "ACME orders by CA and status", () -> orders(authorities, jdbc));
    }

    private static Map<Tags, DoubleSupplier> orders(CertificateAuthorityService authorities, JdbcClient jdbc) {
        Map<String, Long> stored = new HashMap<>();
        jdbc.sql("SELECT a.ca_id, o.status, COUNT(*) AS n FROM acme_order o JOIN acme_account a ON a.id = o.account_id"
                + " GROUP BY a.ca_id, o.status").query(rs -> {
                    stored.put(rs.getLong("ca_id") + "/" + rs.getString("status"), rs.getLong("n"));
                });
        Map<Tags, DoubleSupplier> rows = new HashMap<>();
        for (CertificateAuthority ca : authorities.list()) {
            for (AcmeStatus status : ORDER_STATUSES) {
                rows.put(Tags.of("ca", Long.toString(ca.id()), "ca_name", ca.name(), "status", status.id()),
                        QueryGauges.value(stored.getOrDefault(ca.id() + "/" + status.name(), 0L)));
            }
        }
        return rows;
    }
}
