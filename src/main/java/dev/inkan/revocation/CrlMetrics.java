package dev.inkan.revocation;

import dev.inkan.authority.CertificateAuthority;
import dev.inkan.authority.CertificateAuthorityService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The Prometheus view of each CA's latest CRL, read from the database (the same on every instance):
 * {@code inkan_crl_age_seconds{ca, ca_name}} (since its thisUpdate) and {@code inkan_crl_next_update_seconds{ca, ca_name}}
 * (until its nextUpdate; negative once relying parties refuse it, RFC 5280 §5.1.2.5). Both are computed at scrape time
 * from the times read every {@code inkan.notifications.metrics-refresh}.
 */
@Component
class CrlMetrics {

    private record Times(String caName, Instant thisUpdate, Instant nextUpdate) {}

    private final CertificateAuthorityService authorities;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final AtomicReference<Map<Long, Times>> latest = new AtomicReference<>(Map.of());
    private final MultiGauge age;
    private final MultiGauge nextUpdate;

    CrlMetrics(MeterRegistry registry, CertificateAuthorityService authorities, JdbcClient jdbc, Clock clock) {
        this.age = seconds(registry, "inkan.crl.age", "Seconds since the thisUpdate of the CA's latest CRL");
        this.nextUpdate = seconds(registry, "inkan.crl.next.update",
                "Seconds until the nextUpdate of the CA's latest CRL (negative: clients refuse it)");
        this.authorities = authorities;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private static MultiGauge seconds(MeterRegistry registry, String name, String description) {
        return MultiGauge.builder(name).baseUnit("seconds").description(description).register(registry);
    }

    @Scheduled(fixedDelayString = "${inkan.notifications.metrics-refresh:15s}")
    void refresh() {
        Map<Long, String> names = authorities.list().stream().collect(Collectors.toMap(CertificateAuthority::id, CertificateAuthority::name));
        Map<Long, Times> times = jdbc.sql("SELECT ca_id, this_update, next_update FROM crl_state WHERE this_update IS NOT NULL")
                .query((rs, n) -> Map.entry(rs.getLong("ca_id"), new Times(names.get(rs.getLong("ca_id")),
                        rs.getTimestamp("this_update").toInstant(), rs.getTimestamp("next_update").toInstant())))
                .list().stream().filter(e -> e.getValue().caName() != null).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        latest.set(times);
        // rows stay registered with a function over the latest times (overwrite false): a scrape never sees a row twice
        age.register(rows(times, t -> clock.instant().getEpochSecond() - t.thisUpdate().getEpochSecond()), false);
        nextUpdate.register(rows(times, t -> t.nextUpdate().getEpochSecond() - clock.instant().getEpochSecond()), false);
    }

    private List<MultiGauge.Row<?>> rows(Map<Long, Times> times, java.util.function.ToDoubleFunction<Times> value) {
        return times.entrySet().stream().<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(
                Tags.of("ca", Long.toString(e.getKey()), "ca_name", e.getValue().caName()), latest,
                current -> current.get().containsKey(e.getKey()) ? value.applyAsDouble(current.get().get(e.getKey())) : Double.NaN))
                .toList();
    }
}
