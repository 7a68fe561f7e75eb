package dev.inkan.operations;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Sends due deliveries: per subscription the oldest pending one first (so a receiver sees events in the order they
 * happened), each attempt claimed in the database, failures retried with exponential backoff until
 * {@code maxAttempts}, every attempt written to the delivery log.
 */
@Component
record DeliveryWorker(DeliveryLog log, SubscriptionStore subscriptions, List<DeliveryChannel> channels, NotificationProperties properties,
                      OperationsMetrics metrics, Clock clock) {

    /** Attempts per run, so one run cannot hold the scheduler for ever. */
    private static final int MAX_PER_RUN = 500;

    /** Sends what is due now, and what becomes due because an earlier event of its subscription went through. */
    void deliverDue() {
        int sent = 0;
        while (sent < MAX_PER_RUN) {
            List<DeliveryLog.Due> due = log.due(clock.instant(), 50);
            if (due.isEmpty()) {
                return;
            }
            for (DeliveryLog.Due delivery : due) {
                attempt(delivery, properties.maxAttempts());
                sent++;
            }
        }
    }

    /** One attempt, when this instance wins the claim; the delivery's state after it (null when not claimed). */
    DeliveryState attempt(DeliveryLog.Due delivery, int maxAttempts) {
        Instant start = clock.instant();
        if (!log.claim(delivery, start.plus(properties.timeout()).plusSeconds(30))) {
            return null;
        }
        int attempt = delivery.attempts() + 1;
        DeliveryChannel channel = channels.stream().filter(c -> c.handles(delivery.target())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no channel for " + delivery.target()));
        String secret = delivery.target().startsWith("mailto:") ? null : subscriptions.secret(delivery.subscriptionId());
        DeliveryChannel.Outcome outcome;
        try {
            outcome = channel.send(delivery, attempt, secret);
        } catch (RuntimeException e) {
            outcome = new DeliveryChannel.Outcome(false, null, "error: " + e);
        }
        Instant end = clock.instant();
        DeliveryState state = outcome.delivered() ? DeliveryState.DELIVERED
                : attempt >= maxAttempts ? DeliveryState.FAILED : DeliveryState.PENDING;
        Instant next = state == DeliveryState.PENDING ? end.plus(properties.backoff(attempt)) : end;
        log.recordAttempt(delivery.id(), attempt, start, outcome.statusCode(), outcome.message(),
                java.time.Duration.between(start, end).toMillis(), state, next);
        metrics.deliveryAttempt(delivery.target(), outcome.delivered(), state == DeliveryState.FAILED);
        return state;
    }
}
