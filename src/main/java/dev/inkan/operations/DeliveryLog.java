package dev.inkan.operations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code webhook_delivery} and {@code webhook_attempt} tables: the outbox of events per subscription and
 * every attempt at delivering them. Claims are compare-and-set on the attempt count, so several instances can
 * work the same outbox without sending one attempt twice.
 */
@Component
class DeliveryLog {

    /** A pending delivery that is due, with where it goes. */
    record Due(long id, long subscriptionId, String target, String eventId, EventType type, String payload, int attempts) {}

    private final JdbcClient jdbc;

    DeliveryLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds the event to the subscription's outbox unless it is there already (same event id); true when added.
     * Run outside a transaction or last in one: a concurrent duplicate fails the statement (PostgreSQL then aborts the
     * transaction), and that is the intended "once".
     */
    boolean enqueue(long subscriptionId, Notification event, String payload, Instant now) {
        return enqueue(subscriptionId, event, payload, now, now);
    }

    /** Like {@link #enqueue(long, Notification, String, Instant)}, first due at {@code due}. */
    boolean enqueue(long subscriptionId, Notification event, String payload, Instant now, Instant due) {
        try {
            return jdbc.sql("INSERT INTO webhook_delivery (subscription_id, event_id, event_type, payload, state, attempts, next_attempt_at,"
                            + " created_at) SELECT ?, ?, ?, ?, ?, 0, ?, ? FROM webhook_subscription WHERE id = ? AND NOT EXISTS"
                            + " (SELECT 1 FROM webhook_delivery WHERE subscription_id = ? AND event_id = ?)")
                    .params(subscriptionId, event.id(), event.type().id(), payload, DeliveryState.PENDING.name(), Timestamp.from(due),
                            Timestamp.from(now), subscriptionId, subscriptionId, event.id())
                    .update() == 1;
        } catch (DuplicateKeyException raced) {
            return false;
        }
    }

    /** Whether the subscription has this event already (e.g. an expiry notice sent on an earlier run). */
    boolean contains(long subscriptionId, String eventId) {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_delivery WHERE subscription_id = ? AND event_id = ?")
                .params(subscriptionId, eventId).query(Long.class).single() > 0;
    }

    /** Per subscription only the oldest pending delivery, and only when it is due: events arrive in order. */
    List<Due> due(Instant now, int limit) {
        return jdbc.sql("SELECT d.id, d.subscription_id, s.target, d.event_id, d.event_type, d.payload, d.attempts"
                        + " FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id"
                        + " WHERE d.id IN (SELECT MIN(id) FROM webhook_delivery WHERE state = ? GROUP BY subscription_id)"
                        + " AND d.next_attempt_at <= ? ORDER BY d.id LIMIT ?")
                .params(DeliveryState.PENDING.name(), Timestamp.from(now), limit)
                .query((rs, n) -> new Due(rs.getLong("id"), rs.getLong("subscription_id"), rs.getString("target"),
                        rs.getString("event_id"), type(rs.getString("event_type")), rs.getString("payload"), rs.getInt("attempts")))
                .list();
    }

    /** Takes the next attempt of a due delivery for {@code leaseUntil}; false when another instance took it first. */
    boolean claim(Due due, Instant leaseUntil) {
        return jdbc.sql("UPDATE webhook_delivery SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ? AND attempts = ? AND state = ?")
                .params(Timestamp.from(leaseUntil), due.id(), due.attempts(), DeliveryState.PENDING.name()).update() == 1;
    }

    void recordAttempt(long deliveryId, int attempt, Instant at, Integer statusCode, String outcome, long durationMs,
                       DeliveryState state, Instant nextAttemptAt) {
        jdbc.sql("INSERT INTO webhook_attempt (delivery_id, attempt, attempted_at, status_code, outcome, duration_ms) VALUES (?, ?, ?, ?, ?, ?)")
                .params(deliveryId, attempt, Timestamp.from(at), statusCode, clip(outcome), durationMs).update();
        jdbc.sql("UPDATE webhook_delivery SET state = ?, next_attempt_at = ? WHERE id = ?")
                .params(state.name(), Timestamp.from(nextAttemptAt), deliveryId).update();
    }

    /** The latest deliveries of a subscription, newest first, each with its attempts. */
    List<Delivery> recent(long subscriptionId, int limit) {
        List<Delivery> deliveries = jdbc.sql("SELECT * FROM webhook_delivery WHERE subscription_id = ? ORDER BY id DESC LIMIT ?")
                .params(subscriptionId, limit).query((rs, n) -> delivery(rs, List.of())).list();
        if (deliveries.isEmpty()) {
            return deliveries;
        }
        String ids = deliveries.stream().map(d -> Long.toString(d.id())).collect(Collectors.joining(","));
        Map<Long, List<Delivery.Attempt>> attempts = jdbc.sql("SELECT * FROM webhook_attempt WHERE delivery_id IN (" + ids
                        + ") ORDER BY attempt DESC")
                .query((rs, n) -> Map.entry(rs.getLong("delivery_id"), new Delivery.Attempt(rs.getInt("attempt"),
                        rs.getTimestamp("attempted_at").toInstant(), (Integer) rs.getObject("status_code", Integer.class),
                        rs.getString("outcome"), rs.getLong("duration_ms"))))
                .list().stream().collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        List<Delivery> result = new ArrayList<>();
        for (Delivery d : deliveries) {
            result.add(new Delivery(d.id(), d.subscriptionId(), d.eventId(), d.eventType(), d.state(), d.attempts(), d.nextAttemptAt(),
                    d.createdAt(), attempts.getOrDefault(d.id(), List.of())));
        }
        return result;
    }

    /** Deliveries in a state, for the metrics. */
    long count(DeliveryState state) {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_delivery WHERE state = ?").param(state.name()).query(Long.class).single();
    }

    private static Delivery delivery(ResultSet rs, List<Delivery.Attempt> attempts) throws SQLException {
        return new Delivery(rs.getLong("id"), rs.getLong("subscription_id"), rs.getString("event_id"), rs.getString("event_type"),
                DeliveryState.valueOf(rs.getString("state")), rs.getInt("attempts"), rs.getTimestamp("next_attempt_at").toInstant(),
                rs.getTimestamp("created_at").toInstant(), attempts);
    }

    private static EventType type(String id) {
        for (EventType type : EventType.values()) {
            if (type.id().equals(id)) {
                return type;
            }
        }
        throw new IllegalStateException("unknown event type in webhook_delivery: " + id);
    }

    private static String clip(String text) {
        String value = text == null ? "" : text;
        return value.length() <= 500 ? value : value.substring(0, 500);
    }
}
