package dev.inkan.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gauge families whose series are the rows of a query: each family's query runs every
 * {@code inkan.notifications.metrics-refresh}, the first time once the application has started; a row becomes one series with its tags, a row
 * that is gone next time loses its series. A row's value is read at scrape time, so a value that depends on the clock
 * (an age, a time left) is current at every scrape. Database-backed gauges are the same on every instance: aggregate
 * them with {@code max}.
 */
@Component
public class QueryGauges {

    private static final Logger log = LoggerFactory.getLogger(QueryGauges.class);

    private final MeterRegistry registry;
    private final List<Family> families = new CopyOnWriteArrayList<>();

    QueryGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Declares the family {@code name} (Micrometer's dotted name; Prometheus adds {@code _seconds} for the base unit
     * {@code seconds}), whose series are what {@code rows} answers: tags to a value read at scrape time.
     */
    public void declare(String name, String baseUnit, String description, Supplier<Map<Tags, DoubleSupplier>> rows) {
        Family family = new Family(MultiGauge.builder(name).baseUnit(baseUnit).description(description).register(registry), rows);
        families.add(family);
    }

    @Scheduled(fixedDelayString = "${inkan.notifications.metrics-refresh:15s}")
    void refresh() {
        for (Family family : families) {
            try {
                family.refresh();
            } catch (RuntimeException e) {
                // the next run tries again (a database that went away); the other families still refresh
                log.warn("refreshing a gauge family failed, next run retries: {}", e.toString());
            }
        }
    }

    /** A constant row value. */
    public static DoubleSupplier value(double value) {
        return () -> value;
    }

    private record Family(MultiGauge gauge, Supplier<Map<Tags, DoubleSupplier>> rows, AtomicReference<Map<Tags, DoubleSupplier>> latest) {

        Family(MultiGauge gauge, Supplier<Map<Tags, DoubleSupplier>> rows) {
            this(gauge, rows, new AtomicReference<>(Map.of()));
        }

        void refresh() {
            Map<Tags, DoubleSupplier> current = Map.copyOf(rows.get());
            latest.set(current);
            // rows stay registered with a function over the latest values (overwrite false): re-registering on every
            // refresh would race a scrape into reading one series twice
            gauge.register(current.keySet().stream().<MultiGauge.Row<?>>map(tags -> MultiGauge.Row.of(tags, latest,
                    values -> values.get().getOrDefault(tags, () -> Double.NaN).getAsDouble())).toList(), false);
        }
    }
}
