package dev.inkan.operations;

import java.time.Instant;
import java.util.Map;

/**
 * One event, before it is fanned out to subscriptions. {@code id} is stable for the same fact (the audit row,
 * or certificate + threshold for expiry), so receivers can de-duplicate and Inkan enqueues it once.
 */
record Notification(String id, EventType type, Instant occurredAt, Map<String, Object> data) {
}
