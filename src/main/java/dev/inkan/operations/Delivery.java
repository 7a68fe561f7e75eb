package dev.inkan.operations;

import java.time.Instant;
import java.util.List;

/**
 * One event for one subscription and what happened to it: the delivery log the API and UI show.
 *
 * @param attempts     how many attempts were made
 * @param nextAttemptAt when a pending delivery is tried again
 * @param log          the attempts, latest first: time, HTTP status (null for e-mail or no answer), outcome
 */
public record Delivery(long id, long subscriptionId, String eventId, String eventType, DeliveryState state, int attempts,
                       Instant nextAttemptAt, Instant createdAt, List<Attempt> log) {

    /** One attempt. */
    public record Attempt(int attempt, Instant attemptedAt, Integer statusCode, String outcome, long durationMs) {}

    /** The latest attempt, or null before the first. */
    public Attempt last() {
        return log.isEmpty() ? null : log.get(0);
    }
}
