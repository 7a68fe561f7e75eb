package dev.inkan.operations;

import dev.inkan.authority.AuditAction;
import dev.inkan.authority.AuditTrail;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the audit trail (written by {@link AuditTrail}): filtered pages, newest first, and the same filters as JSON
 * lines (one event per line, streamed). Shows every action recorded, whatever module wrote it.
 */
@Service
public class AuditRecords {

    /** One page; {@code hasMore} when a next page exists. */
    public record Page(List<AuditTrail.Event> items, int page, int size, boolean hasMore) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json = JsonMapper.builder().build();

    AuditRecords(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    public Page search(AuditQuery query) {
        AuditQuery.Valid valid = query.validate();
        List<Object> params = new ArrayList<>();
        String where = where(valid, params);
        params.add(valid.size() + 1);
        params.add((long) valid.page() * valid.size());
        List<AuditTrail.Event> rows = jdbc.sql("SELECT * FROM audit_event" + where + " ORDER BY id DESC LIMIT ? OFFSET ?")
                .params(params).query(AuditRecords::event).list();
        boolean more = rows.size() > valid.size();
        return new Page(more ? rows.subList(0, valid.size()) : rows, valid.page(), valid.size(), more);
    }

    /** Checks the filters and returns a writer of every matching event as JSON lines, newest first. */
    public InventoryExport.Prepared jsonLines(AuditQuery query) {
        AuditQuery.Valid valid = query.validate();
        return out -> write(valid, out);
    }

    /** The actions recorded so far, for the UI's filter. */
    public List<String> actions() {
        return jdbc.sql("SELECT DISTINCT action FROM audit_event ORDER BY action").query(String.class).list();
    }

    private void write(AuditQuery.Valid query, OutputStream out) throws IOException {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT * FROM audit_event" + where(query, params) + " ORDER BY id DESC";
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        try {
            template.query(connection -> {
                PreparedStatement statement = connection.prepareStatement(sql);
                statement.setFetchSize(500);
                for (int i = 0; i < params.size(); i++) {
                    statement.setObject(i + 1, params.get(i));
                }
                return statement;
            }, rs -> {
                try {
                    writer.write(json.writeValueAsString(event(rs, 0)));
                    writer.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        writer.flush();
    }

    private static String where(AuditQuery.Valid query, List<Object> params) {
        StringBuilder where = new StringBuilder();
        if (query.actor() != null) {
            where.append(" AND actor = ?");
            params.add(query.actor());
        }
        if (query.action() != null) {
            where.append(" AND action = ?");
            params.add(query.action());
        }
        if (query.caId() != null) {
            where.append(" AND ca_id = ?");
            params.add(query.caId());
        }
        if (query.from() != null) {
            where.append(" AND occurred_at >= ?");
            params.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            where.append(" AND occurred_at < ?");
            params.add(Timestamp.from(query.to()));
        }
        return where.isEmpty() ? "" : " WHERE" + where.substring(4);
    }

    private static AuditTrail.Event event(ResultSet rs, int row) throws SQLException {
        return new AuditTrail.Event(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"),
                AuditAction.of(rs.getString("action")), (Long) rs.getObject("ca_id", Long.class), (Long) rs.getObject("certificate_id", Long.class),
                rs.getString("detail"));
    }
}
