package dev.inkan.authority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.inkan.testing.RunningService;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A change and its audit entry commit together, stamped with the one instant the change was handed. */
class AuditedChangesTests extends RunningService {

    @Autowired
    AuditedChanges changes;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aChangeThatChangedSomethingIsAuditedAtTheInstantItWasHanded() {
        String actor = actor();
        AtomicReference<Instant> handed = new AtomicReference<>();

        changes.change(actor, new AuditedChanges.Entry(AuditAction.KEY_DELETED, null, null, "a detail"), now -> {
            handed.set(now);
            return true;
        }, () -> new IllegalStateException("not refused: the change changed something"));

        List<java.sql.Timestamp> stamps = jdbc.sql("SELECT occurred_at FROM audit_event WHERE actor = ?").param(actor)
                .query(java.sql.Timestamp.class).list();
        assertThat(stamps).hasSize(1);
        // the database keeps microseconds, rounded
        assertThat(stamps.get(0).toInstant()).isCloseTo(handed.get(), within(1, java.time.temporal.ChronoUnit.MICROS));
    }

    @Test
    void aChangeThatFoundNothingToDoIsRefusedAndLeavesNoAuditEntry() {
        String actor = actor();

        assertThatThrownBy(() -> changes.change(actor, new AuditedChanges.Entry(AuditAction.KEY_DELETED, null, null, "nothing"),
                now -> false, () -> new IllegalStateException("nothing to change"))).hasMessage("nothing to change");

        assertThat(entries(actor)).isEmpty();
    }

    @Test
    void anInsertIsAuditedUnderTheIdItMadeAndRollsBackWithItsEntry() {
        String actor = actor();
        long id = changes.insert(Instant.parse("2026-01-02T03:04:05Z"), actor, () -> 4242L,
                newId -> new AuditedChanges.Entry(AuditAction.CA_CREATED, newId, null, "made " + newId));
        assertThat(id).isEqualTo(4242L);
        assertThat(entries(actor)).containsExactly("ca.created 4242 made 4242");

        String second = actor();
        assertThatThrownBy(() -> changes.insert(Instant.now(), second, () -> {
            jdbc.sql("INSERT INTO audit_event (occurred_at, actor, action, detail) VALUES (CURRENT_TIMESTAMP, ?, 'ca.created', 'x')")
                    .param(second).update();
            return 1L;
        }, newId -> { throw new IllegalStateException("the entry cannot be made"); })).hasMessageContaining("cannot be made");
        assertThat(entries(second)).as("the change rolled back with its failed entry").isEmpty();
    }

    private List<String> entries(String actor) {
        return jdbc.sql("SELECT action, ca_id, detail FROM audit_event WHERE actor = ? ORDER BY id").param(actor)
                .query((rs, n) -> rs.getString("action") + " " + rs.getLong("ca_id") + " " + rs.getString("detail")).list();
    }

    private static String actor() {
        return "audited-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
