package dev.inkan.operations;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * The background jobs: read the audit trail and send due deliveries (every {@code pollInterval}), look for expiring
 * certificates (every {@code expiryCheckInterval}), refresh the gauges (every {@code metricsRefresh}).
 *
 * <p>Once per cluster: every job is safe to run on several instances at once, by the database alone (the audit cursor
 * is locked {@code FOR UPDATE}, an event id is unique per subscription, an attempt is claimed by compare-and-set), so
 * no cluster lock is needed for correctness. {@link #exclusive} is the one seam where a cluster-wide lock
 * ({@code dev.inkan.cluster}) can make the expiry check run on one instance only, to save its queries.
 */
@Component
class OperationsSchedule implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OperationsSchedule.class);

    private final AuditEventSource audit;
    private final DeliveryWorker worker;
    private final ExpiryCheck expiry;
    private final OperationsMetrics metrics;
    private final NotificationProperties properties;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    OperationsSchedule(AuditEventSource audit, DeliveryWorker worker, ExpiryCheck expiry, OperationsMetrics metrics,
                       NotificationProperties properties) {
        this.audit = audit;
        this.worker = worker;
        this.expiry = expiry;
        this.metrics = metrics;
        this.properties = properties;
        scheduler.setPoolSize(2);
        scheduler.setThreadNamePrefix("inkan-operations-");
        scheduler.setDaemon(true);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        scheduler.initialize();
        scheduler.scheduleWithFixedDelay(() -> guarded("notifications", this::notifications), properties.pollInterval());
        scheduler.scheduleWithFixedDelay(() -> guarded("expiry check", () -> exclusive("expiry-check", () -> expiry.run())),
                properties.expiryCheckInterval());
        scheduler.scheduleWithFixedDelay(() -> guarded("metrics", metrics::refresh), properties.metricsRefresh());
    }

    private void notifications() {
        while (audit.readNew() > 0) {
            // a backlog is read batch by batch before the deliveries go out
        }
        worker.deliverDue();
    }

    /** Runs {@code job} as this cluster's only run of {@code name}; today every instance runs it (see the class comment). */
    private static void exclusive(String name, Runnable job) {
        job.run();
    }

    private static void guarded(String name, Runnable job) {
        try {
            job.run();
        } catch (RuntimeException e) {
            // the next run tries again (a database that went away, a concurrent instance's duplicate)
            log.warn("{} failed, next run retries: {}", name, e.toString());
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdown();
    }
}
