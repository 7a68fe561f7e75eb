package dev.inkan.operations;

import dev.inkan.cluster.ClusterLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * The background jobs: read the audit trail and send due deliveries (every {@code pollInterval}), look for expiring
 * certificates (every {@code expiryCheckInterval}). The gauges refresh themselves ({@link dev.inkan.metrics.QueryGauges}).
 *
 * <p>Once per cluster: the notification run and the expiry check go through {@link ClusterLock}, so with several
 * instances on one database one of them does each run, and the expiry check runs at most every
 * {@code expiryCheckInterval} across the cluster and across restarts. Correctness does not rest on the lock alone: the
 * audit cursor is locked {@code FOR UPDATE}, an event id is unique per subscription, an attempt is claimed by
 * compare-and-set.
 */
@Component
class OperationsSchedule implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OperationsSchedule.class);

    private final AuditEventSource audit;
    private final DeliveryWorker worker;
    private final ExpiryCheck expiry;
    private final NotificationProperties properties;
    private final ClusterLock cluster;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    OperationsSchedule(AuditEventSource audit, DeliveryWorker worker, ExpiryCheck expiry,
                       NotificationProperties properties, ClusterLock cluster) {
        this.cluster = cluster;
        this.audit = audit;
        this.worker = worker;
        this.expiry = expiry;
        this.properties = properties;
        scheduler.setPoolSize(2);
        scheduler.setThreadNamePrefix("inkan-operations-");
        scheduler.setDaemon(true);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        scheduler.initialize();
        scheduler.scheduleWithFixedDelay(() -> guarded("notifications",
                () -> cluster.runExclusively("notifications", this::notifications)), properties.pollInterval());
        // asked every poll, run at most every expiryCheckInterval by whichever instance comes first
        scheduler.scheduleWithFixedDelay(() -> guarded("expiry check",
                () -> cluster.runAtMostEvery("expiry-check", properties.expiryCheckInterval(), expiry::run)), properties.pollInterval());
    }

    private void notifications() {
        while (audit.readNew() > 0) {
            // a backlog is read batch by batch before the deliveries go out
        }
        worker.deliverDue();
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
