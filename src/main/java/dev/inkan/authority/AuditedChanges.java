package dev.inkan.authority;

import java.time.Clock;
import java.time.Instant;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A change to the database and its audit entry commit together, stamped with one instant: the audit
 * trail never names a change that rolled back and never misses one that committed. Every service that
 * issues, revokes, deletes a key or makes a CA changes the database through here.
 */
@Component
public class AuditedChanges {

    /** What the audit trail records about a change: the action, the CA and certificate it touched, a line of detail. */
    public record Entry(AuditAction action, Long caId, Long certificateId, String detail) {}

    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public AuditedChanges(AuditTrail audit, TransactionTemplate transactions, Clock clock) {
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The instant for a change whose content carries it before it is written (a certificate's notBefore). */
    public Instant now() {
        return clock.instant();
    }

    /**
     * Adds a row stamped {@code now}: {@code insert} writes it and returns its id, {@code entry} says from that id
     * what the audit trail records. Returns the id.
     */
    public long insert(Instant now, String actor, LongSupplier insert, LongFunction<Entry> entry) {
        return transactions.execute(status -> {
            long id = insert.getAsLong();
            record(now, actor, entry.apply(id));
            return id;
        });
    }

    /**
     * Makes a change that may find nothing to do (already revoked, no key left): {@code change} is handed the
     * instant and answers whether it changed anything. Only then is {@code entry} recorded; otherwise nothing is,
     * and {@code refusal} is thrown.
     */
    public void change(String actor, Entry entry, Predicate<Instant> change, Supplier<? extends RuntimeException> refusal) {
        Instant now = clock.instant();
        boolean changed = Boolean.TRUE.equals(transactions.execute(status -> {
            boolean done = change.test(now);
            if (done) {
                record(now, actor, entry);
            }
            return done;
        }));
        if (!changed) {
            throw refusal.get();
        }
    }

    private void record(Instant now, String actor, Entry entry) {
        audit.record(now, actor, entry.action(), entry.caId(), entry.certificateId(), entry.detail());
    }
}
