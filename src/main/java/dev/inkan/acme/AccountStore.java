package dev.inkan.acme;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** The {@code acme_account} table. */
@Component
class AccountStore {

    private static final String COLUMNS = "id, ca_id, thumbprint, jwk, contact, status, eab_kid, created_at";
    private final JdbcClient jdbc;

    AccountStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long caId, String thumbprint, String jwk, List<String> contact, String eabKid, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO acme_account (ca_id, thumbprint, jwk, contact, status, eab_kid, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(caId, thumbprint, jwk, String.join("\n", contact), AcmeStatus.VALID.name(), eabKid, Timestamp.from(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<AcmeAccount> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM acme_account WHERE id = ?").param(id).query(AccountStore::row).optional();
    }

    Optional<AcmeAccount> findByThumbprint(long caId, String thumbprint) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM acme_account WHERE ca_id = ? AND thumbprint = ?").params(caId, thumbprint)
                .query(AccountStore::row).optional();
    }

    List<AcmeAccount> list(long caId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM acme_account WHERE ca_id = ? ORDER BY id").param(caId).query(AccountStore::row).list();
    }

    void updateContact(long id, List<String> contact) {
        jdbc.sql("UPDATE acme_account SET contact = ? WHERE id = ?").params(String.join("\n", contact), id).update();
    }

    /** Deactivates; false when the account was not valid any more (RFC 8555 §7.3.6). */
    boolean deactivate(long id) {
        return jdbc.sql("UPDATE acme_account SET status = ? WHERE id = ? AND status = ?")
                .params(AcmeStatus.DEACTIVATED.name(), id, AcmeStatus.VALID.name()).update() == 1;
    }

    /** Replaces the key, only if it is still the old one (two key changes at once: one wins). */
    boolean changeKey(long id, String oldThumbprint, String thumbprint, String jwk) {
        return jdbc.sql("UPDATE acme_account SET thumbprint = ?, jwk = ? WHERE id = ? AND thumbprint = ?")
                .params(thumbprint, jwk, id, oldThumbprint).update() == 1;
    }

    private static AcmeAccount row(ResultSet rs, int n) throws SQLException {
        String contact = rs.getString("contact");
        return new AcmeAccount(rs.getLong("id"), rs.getLong("ca_id"), rs.getString("thumbprint"), rs.getString("jwk"),
                contact.isEmpty() ? List.of() : Arrays.asList(contact.split("\n")), AcmeStatus.valueOf(rs.getString("status")),
                rs.getString("eab_kid"), rs.getTimestamp("created_at").toInstant());
    }
}
