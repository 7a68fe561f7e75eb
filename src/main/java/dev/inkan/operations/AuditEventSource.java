package dev.inkan.operations;

import dev.inkan.authority.AuditAction;
import dev.inkan.authority.AuditTrail;
import dev.inkan.engine.NotFoundException;
import dev.inkan.issuance.CertificateSummary;
import dev.inkan.issuance.CertificateRecords;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns new rows of the audit trail into {@code certificate.issued} and {@code certificate.revoked} events. The
 * position is a cursor row locked with {@code SELECT ... FOR UPDATE}, so with several instances on one database each
 * audit row becomes an event exactly once, and a restart continues where the last run stopped.
 */
@Component
record AuditEventSource(JdbcClient jdbc, TransactionTemplate transactions, SubscriptionStore subscriptions, DeliveryLog log,
                        CertificateRecords issuance, NotificationPayloads payloads, OperationsMetrics metrics,
                        NotificationProperties properties, Clock clock) {

    private static final int BATCH = 500;

    /** Reads the audit rows after the cursor (up to one batch); returns how many were read. */
    int readNew() {
        Integer read = transactions.execute(status -> {
            long last = jdbc.sql("SELECT last_id FROM notification_cursor WHERE cursor_name = 'audit' FOR UPDATE").query(Long.class).single();
            Instant settled = clock.instant().minus(properties.auditSettle());
            List<AuditTrail.Event> rows = jdbc.sql("SELECT * FROM audit_event WHERE id > ? ORDER BY id LIMIT ?").params(last, BATCH)
                    .query((rs, n) -> new AuditTrail.Event(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                            rs.getString("actor"), AuditAction.of(rs.getString("action")), (Long) rs.getObject("ca_id", Long.class),
                            (Long) rs.getObject("certificate_id", Long.class), rs.getString("detail")))
                    .list();
            List<Subscription> subscribed = rows.isEmpty() ? List.of() : subscriptions.list();
            long cursor = last;
            int count = 0;
            for (AuditTrail.Event row : rows) {
                if (row.occurredAt().isAfter(settled)) {
                    break;
                }
                publish(row, subscribed);
                cursor = row.id();
                count++;
            }
            if (cursor != last) {
                jdbc.sql("UPDATE notification_cursor SET last_id = ? WHERE cursor_name = 'audit'").param(cursor).update();
            }
            return count;
        });
        return read == null ? 0 : read;
    }

    /**
     * Counts the event and enqueues it for each subscription to its type that existed when it happened. The payload (a
     * ledger read and its JSON) is built only when one does: with no webhooks, an issuance costs this thread a counter.
     */
    private void publish(AuditTrail.Event row, List<Subscription> subscribed) {
        EventType type = switch (row.action()) {
            case ISSUED, CSR_SIGNED -> EventType.CERTIFICATE_ISSUED;
            case REVOKED -> EventType.CERTIFICATE_REVOKED;
            default -> null;
        };
        if (type == null || row.certificateId() == null) {
            return;
        }
        metrics.audited(type, row.caId());
        List<Subscription> recipients = subscribed.stream()
                .filter(s -> s.events().contains(type.id()) && !s.createdAt().isAfter(row.occurredAt())).toList();
        if (recipients.isEmpty()) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("auditId", row.id());
        data.put("actor", row.actor());
        data.put("detail", row.detail());
        try {
            CertificateSummary certificate = issuance.summary(row.certificateId());
            payloads.certificate(data, certificate);
            data.put("summary", "certificate " + certificate.commonName() + " (id " + certificate.id() + ") "
                    + (type == EventType.CERTIFICATE_ISSUED ? "issued" : "revoked") + " by " + row.actor());
        } catch (NotFoundException gone) {
            data.put("certificateId", row.certificateId());
            data.put("summary", type.id() + " for certificate " + row.certificateId());
        }
        Notification event = new Notification("audit-" + row.id(), type, row.occurredAt(), data);
        String payload = payloads.json(event);
        for (Subscription subscription : recipients) {
            log.enqueue(subscription.id(), event, payload, clock.instant());
        }
    }
}
