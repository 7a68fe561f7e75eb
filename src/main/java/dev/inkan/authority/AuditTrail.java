package dev.inkan.authority;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The audit table: who issued, revoked, deleted a key or made a CA, and when. Written inside the same transaction. */
@Component
public class AuditTrail {

    /** One recorded action. */
    public record Event(long id, Instant occurredAt, String actor, AuditAction action, Long caId, Long certificateId, String detail) {}

    private final JdbcClient jdbc;

    public AuditTrail(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(Instant at, String actor, AuditAction action, Long caId, Long certificateId, String detail) {
        jdbc.sql("INSERT INTO audit_event (occurred_at, actor, action, ca_id, certificate_id, detail) VALUES (?, ?, ?, ?, ?, ?)")
                .params(Timestamp.from(at), clip(actor, 64), action.id(), caId, certificateId, clip(detail, 1024)).update();
    }

    /** The events about one certificate, oldest first. */
    public List<Event> forCertificate(long certificateId) {
        return jdbc.sql("SELECT * FROM audit_event WHERE certificate_id = ? ORDER BY id").param(certificateId).query(AuditTrail::event).list();
    }

    /** The latest events, newest first. */
    public List<Event> latest(int limit) {
        return jdbc.sql("SELECT * FROM audit_event ORDER BY id DESC LIMIT ?").param(limit).query(AuditTrail::event).list();
    }

    private static Event event(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Event(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"), AuditAction.of(rs.getString("action")),
                (Long) rs.getObject("ca_id", Long.class), (Long) rs.getObject("certificate_id", Long.class), rs.getString("detail"));
    }

    private static String clip(String text, int max) {
        String value = text == null ? "" : text;
        return value.length() <= max ? value : value.substring(0, max);
    }
}
