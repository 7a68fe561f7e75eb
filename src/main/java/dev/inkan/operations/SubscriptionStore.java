package dev.inkan.operations;

import dev.inkan.authority.MasterKey;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** The {@code webhook_subscription} table; secrets are AES-256-GCM sealed with the master key, bound to the row id. */
@Component
class SubscriptionStore {

    private final JdbcClient jdbc;
    private final MasterKey masterKey;

    SubscriptionStore(JdbcClient jdbc, MasterKey masterKey) {
        this.jdbc = jdbc;
        this.masterKey = masterKey;
    }

    /** Inserts; call inside a transaction (the secret is sealed under the new id). */
    long insert(SubscriptionRequest.Valid request, Instant at, String actor) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO webhook_subscription (target, events, expiring_within_days, created_at, created_by) VALUES (?, ?, ?, ?, ?)")
                .params(request.target(), request.events().stream().map(EventType::id).collect(Collectors.joining(",")),
                        request.expiringWithinDays(), Timestamp.from(at), actor)
                .update(keys, "id");
        long id = keys.getKey().longValue();
        byte[] sealed = masterKey.seal(request.secret().getBytes(StandardCharsets.UTF_8), context(id));
        jdbc.sql("UPDATE webhook_subscription SET secret_sealed = ? WHERE id = ?").params(sealed, id).update();
        return id;
    }

    List<Subscription> list() {
        return jdbc.sql("SELECT * FROM webhook_subscription ORDER BY id").query(SubscriptionStore::row).list();
    }

    Optional<Subscription> find(long id) {
        return jdbc.sql("SELECT * FROM webhook_subscription WHERE id = ?").param(id).query(SubscriptionStore::row).optional();
    }

    String secret(long id) {
        byte[] sealed = jdbc.sql("SELECT secret_sealed FROM webhook_subscription WHERE id = ?").param(id).query(byte[].class).single();
        return new String(masterKey.open(sealed, context(id)), StandardCharsets.UTF_8);
    }

    boolean delete(long id) {
        return jdbc.sql("DELETE FROM webhook_subscription WHERE id = ?").param(id).update() == 1;
    }

    private static String context(long id) {
        return "webhook-secret:" + id;
    }

    private static Subscription row(ResultSet rs, int n) throws SQLException {
        return new Subscription(rs.getLong("id"), rs.getString("target"), Arrays.asList(rs.getString("events").split(",")),
                rs.getInt("expiring_within_days"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"), null);
    }
}
