package dev.inkan.revocation;

import dev.inkan.authority.CertificateAuthority;
import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.metrics.QueryGauges;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The Prometheus view of each CA's latest CRL, two {@link QueryGauges} families over {@code crl_state}:
 * {@code inkan_crl_age_seconds{ca, ca_name}} (since its thisUpdate) and {@code inkan_crl_next_update_seconds{ca, ca_name}}
 * (until its nextUpdate; negative once relying parties refuse it, RFC 5280 §5.1.2.5), both computed at scrape time.
 */
@Component
class CrlMetrics {

    private record Times(Tags tags, Instant thisUpdate, Instant nextUpdate) {}

    CrlMetrics(QueryGauges gauges, CertificateAuthorityService authorities, JdbcClient jdbc, Clock clock) {
        gauges.declare("inkan.crl.age", "seconds", "Seconds since the thisUpdate of the CA's latest CRL",
                () -> rows(times(authorities, jdbc), t -> clock.instant().getEpochSecond() - t.thisUpdate().getEpochSecond()));
        gauges.declare("inkan.crl.next.update", "seconds", "Seconds until the nextUpdate of the CA's latest CRL (negative: clients refuse it)",
                () -> rows(times(authorities, jdbc), t -> t.nextUpdate().getEpochSecond() - clock.instant().getEpochSecond()));
    }

    private static Iterable<Times> times(CertificateAuthorityService authorities, JdbcClient jdbc) {
        Map<Long, String> names = authorities.list().stream().collect(Collectors.toMap(CertificateAuthority::id, CertificateAuthority::name));
        return jdbc.sql("SELECT ca_id, this_update, next_update FROM crl_state WHERE this_update IS NOT NULL")
                .query((rs, n) -> {
                    String name = names.get(rs.getLong("ca_id"));
                    return name == null ? null : new Times(Tags.of("ca", Long.toString(rs.getLong("ca_id")), "ca_name", name),
                            rs.getTimestamp("this_update").toInstant(), rs.getTimestamp("next_update").toInstant());
                }).list().stream().filter(t -> t != null).toList();
    }

    private static Map<Tags, DoubleSupplier> rows(Iterable<Times> times, Function<Times, Long> seconds) {
        Map<Tags, DoubleSupplier> rows = new HashMap<>();
        times.forEach(t -> rows.put(t.tags(), () -> seconds.apply(t)));
        return rows;
    }
}
