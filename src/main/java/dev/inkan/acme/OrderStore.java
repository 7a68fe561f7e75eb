package dev.inkan.acme;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * The {@code acme_order}, {@code acme_authorization} and {@code acme_challenge} tables. Every state change is a
 * conditional UPDATE (from one status to the next), so two instances acting on one object cannot both win.
 */
@Component
class OrderStore {

    private static final String ORDER = "id, account_id, status, identifiers, expires_at, error, certificate_id, serial_number, created_at";
    private static final String AUTHZ = "id, order_id, identifier_type, identifier_value, wildcard, status, expires_at";
    private static final String CHALLENGE = "id, authorization_id, challenge_type, token, status, validated_at, error";
    private final JdbcClient jdbc;

    OrderStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insertOrder(long accountId, List<Identifier> identifiers, Instant expires, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO acme_order (account_id, status, identifiers, expires_at, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(accountId, AcmeStatus.PENDING.name(), identifiers.stream().map(Identifier::encoded).collect(Collectors.joining("\n")),
                        Timestamp.from(expires), Timestamp.from(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    long insertAuthorization(long orderId, Identifier identifier, boolean wildcard, Instant expires) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO acme_authorization (order_id, identifier_type, identifier_value, wildcard, status, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(orderId, identifier.type(), identifier.value(), wildcard, AcmeStatus.PENDING.name(), Timestamp.from(expires))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** The latest-expiring valid, unexpired authorization of {@code accountId} for this identifier (RFC 8555 §7.1.3 reuse). */
    Optional<AcmeOrder.Authorization> validAuthorization(long accountId, Identifier identifier, boolean wildcard, Instant now) {
        return jdbc.sql("SELECT z." + AUTHZ.replace(", ", ", z.") + " FROM acme_authorization z JOIN acme_order o ON o.id = z.order_id"
                        + " WHERE z.identifier_value = ? AND z.identifier_type = ? AND z.wildcard = ? AND z.status = ?"
                        + " AND z.expires_at > ? AND o.account_id = ? ORDER BY z.expires_at DESC FETCH FIRST 1 ROWS ONLY")
                .params(identifier.value(), identifier.type(), wildcard, AcmeStatus.VALID.name(), Timestamp.from(now), accountId)
                .query(OrderStore::authorization).optional();
    }

    /** A new order's copy of a valid authorization: valid until the same time, with the challenge that validated it. */
    long insertReusedAuthorization(long orderId, AcmeOrder.Authorization valid) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO acme_authorization (order_id, identifier_type, identifier_value, wildcard, status, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(orderId, valid.identifier().type(), valid.identifier().value(), valid.wildcard(), AcmeStatus.VALID.name(),
                        Timestamp.from(valid.expires()))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        for (AcmeOrder.Challenge challenge : challenges(valid.id())) {
            if (challenge.status() == AcmeStatus.VALID) {
                jdbc.sql("INSERT INTO acme_challenge (authorization_id, challenge_type, token, status, validated_at) VALUES (?, ?, ?, ?, ?)")
                        .params(id, challenge.type().name(), challenge.token(), AcmeStatus.VALID.name(), Timestamp.from(challenge.validated()))
                        .update();
            }
        }
        return id;
    }

    void insertChallenge(long authorizationId, ChallengeType type, String token) {
        jdbc.sql("INSERT INTO acme_challenge (authorization_id, challenge_type, token, status) VALUES (?, ?, ?, ?)")
                .params(authorizationId, type.name(), token, AcmeStatus.PENDING.name()).update();
    }

    Optional<AcmeOrder> order(long id) {
        return jdbc.sql("SELECT " + ORDER + " FROM acme_order WHERE id = ?").param(id).query(OrderStore::order).optional();
    }

    List<AcmeOrder> ordersOf(long accountId) {
        return jdbc.sql("SELECT " + ORDER + " FROM acme_order WHERE account_id = ? ORDER BY id DESC").param(accountId)
                .query(OrderStore::order).list();
    }

    Optional<AcmeOrder> orderOfCertificate(long certificateId) {
        return jdbc.sql("SELECT " + ORDER + " FROM acme_order WHERE certificate_id = ?").param(certificateId).query(OrderStore::order).optional();
    }

    /** The order that produced the certificate with this serial from a CA's directory. */
    Optional<AcmeOrder> orderOfSerial(long caId, String serial) {
        return jdbc.sql("SELECT o." + ORDER.replace(", ", ", o.") + " FROM acme_order o JOIN acme_account a ON a.id = o.account_id"
                + " WHERE o.serial_number = ? AND a.ca_id = ?").params(serial, caId).query(OrderStore::order).optional();
    }

    List<AcmeOrder.Authorization> authorizations(long orderId) {
        return jdbc.sql("SELECT " + AUTHZ + " FROM acme_authorization WHERE order_id = ? ORDER BY id").param(orderId)
                .query(OrderStore::authorization).list();
    }

    Optional<AcmeOrder.Authorization> authorization(long id) {
        return jdbc.sql("SELECT " + AUTHZ + " FROM acme_authorization WHERE id = ?").param(id).query(OrderStore::authorization).optional();
    }

    List<AcmeOrder.Challenge> challenges(long authorizationId) {
        return jdbc.sql("SELECT " + CHALLENGE + " FROM acme_challenge WHERE authorization_id = ? ORDER BY id").param(authorizationId)
                .query(OrderStore::challenge).list();
    }

    Optional<AcmeOrder.Challenge> challenge(long id) {
        return jdbc.sql("SELECT " + CHALLENGE + " FROM acme_challenge WHERE id = ?").param(id).query(OrderStore::challenge).optional();
    }

    boolean orderStatus(long id, AcmeStatus from, AcmeStatus to, String error) {
        return jdbc.sql("UPDATE acme_order SET status = ?, error = ? WHERE id = ? AND status = ?")
                .params(to.name(), error, id, from.name()).update() == 1;
    }

    void orderIssued(long id, long certificateId, String serial) {
        jdbc.sql("UPDATE acme_order SET status = ?, certificate_id = ?, serial_number = ? WHERE id = ?")
                .params(AcmeStatus.VALID.name(), certificateId, serial, id).update();
    }

    boolean authorizationStatus(long id, AcmeStatus from, AcmeStatus to) {
        return jdbc.sql("UPDATE acme_authorization SET status = ? WHERE id = ? AND status = ?").params(to.name(), id, from.name()).update() == 1;
    }

    boolean challengeStatus(long id, AcmeStatus from, AcmeStatus to, String error, Instant validated) {
        return jdbc.sql("UPDATE acme_challenge SET status = ?, error = ?, validated_at = ? WHERE id = ? AND status = ?")
                .params(to.name(), error, validated == null ? null : Timestamp.from(validated), id, from.name()).update() == 1;
    }

    private static AcmeOrder order(ResultSet rs, int n) throws SQLException {
        List<Identifier> identifiers = java.util.Arrays.stream(rs.getString("identifiers").split("\n")).map(Identifier::decode).toList();
        return new AcmeOrder(rs.getLong("id"), rs.getLong("account_id"), AcmeStatus.valueOf(rs.getString("status")), identifiers,
                rs.getTimestamp("expires_at").toInstant(), rs.getString("error"),
                rs.getObject("certificate_id") == null ? null : rs.getLong("certificate_id"), rs.getString("serial_number"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static AcmeOrder.Authorization authorization(ResultSet rs, int n) throws SQLException {
        return new AcmeOrder.Authorization(rs.getLong("id"), rs.getLong("order_id"),
                new Identifier(rs.getString("identifier_type"), rs.getString("identifier_value")), rs.getBoolean("wildcard"),
                AcmeStatus.valueOf(rs.getString("status")), rs.getTimestamp("expires_at").toInstant());
    }

    private static AcmeOrder.Challenge challenge(ResultSet rs, int n) throws SQLException {
        Timestamp validated = rs.getTimestamp("validated_at");
        return new AcmeOrder.Challenge(rs.getLong("id"), rs.getLong("authorization_id"), ChallengeType.valueOf(rs.getString("challenge_type")),
                rs.getString("token"), AcmeStatus.valueOf(rs.getString("status")), validated == null ? null : validated.toInstant(),
                rs.getString("error"));
    }
}
