package dev.inkan.operations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timing of notifications ({@code inkan.notifications.*}, e.g. {@code INKAN_NOTIFICATIONS_EXPIRY_CHECK_INTERVAL=1h}).
 *
 * @param pollInterval        how often the audit trail is read for new events and due deliveries are sent
 * @param expiryCheckInterval how often expiring and expired certificates and CAs are looked for
 * @param retryInitial        the wait after the first failed attempt; doubled after each further failure
 * @param retryMax            the longest wait between two attempts
 * @param maxAttempts         attempts before a delivery is given up (state FAILED)
 * @param auditSettle         how old an audit row must be before it is read: a transaction that took an id earlier but
 *                            committed later is not skipped by the cursor
 * @param timeout             connect and answer time allowed to a receiver
 * @param metricsRefresh      how often the gauges ({@code dev.inkan.metrics.QueryGauges}) are recomputed from the database
 */
@ConfigurationProperties("inkan.notifications")
public record NotificationProperties(@DefaultValue("2s") Duration pollInterval, @DefaultValue("1h") Duration expiryCheckInterval,
                                     @DefaultValue("10s") Duration retryInitial, @DefaultValue("1h") Duration retryMax,
                                     @DefaultValue("8") int maxAttempts, @DefaultValue("1s") Duration auditSettle,
                                     @DefaultValue("10s") Duration timeout, @DefaultValue("15s") Duration metricsRefresh) {

    /** The wait after failed attempt number {@code attempt} (1-based): retryInitial * 2^(attempt-1), at most retryMax. */
    public Duration backoff(int attempt) {
        Duration wait = retryInitial.multipliedBy(1L << Math.min(attempt - 1, 30));
        return wait.compareTo(retryMax) > 0 ? retryMax : wait;
    }
}
