package dev.inkan.issuance;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every certificate matching a search, one at a time, for exports: the ledger's filters without paging, read with a
 * fetch size inside a read-only transaction (PostgreSQL's JDBC driver streams with a cursor only then), so 100,000
 * rows never sit in memory together.
 */
@Component
public class CertificateInventory {

    private static final int FETCH_SIZE = 500;

    private final JdbcTemplate template;
    private final TransactionTemplate readOnly;
    private final Clock clock;

    CertificateInventory(JdbcTemplate template, TransactionTemplate transactions, Clock clock) {
        this.template = template;
        this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** Checks the query; throws the same 400s as a search before anything is written. */
    public CertificateQuery.Valid check(CertificateQuery query) {
        return query.validate();
    }

    /** Hands each matching certificate to {@code sink}, in the query's order. */
    public void forEach(CertificateQuery.Valid query, Consumer<CertificateSummary> sink) {
        Instant now = clock.instant();
        List<Object> params = new ArrayList<>();
        String where = CertificateLedger.where(query, now, params);
        String order = switch (query.sort()) {
            case NEWEST -> "id DESC";
            case OLDEST -> "id";
            case EXPIRY -> "not_after, id";
            case EXPIRY_DESC -> "not_after DESC, id DESC";
        };
        String sql = "SELECT " + CertificateLedger.SUMMARY + " FROM certificate" + where + " ORDER BY " + order;
        readOnly.executeWithoutResult(status -> template.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            statement.setFetchSize(FETCH_SIZE);
            for (int i = 0; i < params.size(); i++) {
                Object value = params.get(i);
                statement.setObject(i + 1, value instanceof Timestamp t ? t : value);
            }
            return statement;
        }, rs -> {
            sink.accept(CertificateLedger.summary(rs, now));
        }));
    }
}
