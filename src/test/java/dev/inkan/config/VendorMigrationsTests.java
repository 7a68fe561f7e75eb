package dev.inkan.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The H2 and PostgreSQL schemas after every migration (db/vendor/{h2,postgresql}/V1 and the portable
 * rest) are the same: tables, columns with compatible types, lengths, nullability and identity, primary,
 * unique and foreign keys, and the named indexes, read from each database's own catalogue.
 */
class VendorMigrationsTests {

    /** Types that differ in name only: H2's CLOB and VARBINARY are PostgreSQL's TEXT and BYTEA. */
    private static final Map<String, String> SAME_TYPE = Map.of(
            "character large object", "text", "text", "text",
            "binary varying", "bytes", "bytea", "bytes",
            "character varying", "varchar", "character", "char");

    /** H2's longest CHARACTER VARYING, which its TEXT becomes. */
    private static final long H2_MAX_VARCHAR = 1_000_000_000L;

    @Test
    void bothVendorsEndWithTheSameSchema() throws SQLException {
        Map<String, List<String>> h2 = describe(TestDatabase.H2.migrated());
        Map<String, List<String>> postgresql = describe(TestDatabase.POSTGRESQL.migrated());

        assertThat(h2.keySet()).contains("certificate", "certificate_authority", "audit_event", "setting", "cluster_job");
        assertThat(postgresql.keySet()).isEqualTo(h2.keySet());
        h2.forEach((table, facts) -> assertThat(postgresql.get(table)).as(table).containsExactlyElementsOf(facts));
    }

    @Test
    void theDescriptionSeesTypesLengthsAndIndexes() throws SQLException {
        List<String> certificate = describe(TestDatabase.H2.migrated()).get("certificate");
        assertThat(certificate).contains("column certificate_der bytes null=NO identity=NO",
                "column common_name varchar(255) null=NO identity=NO", "column id bigint null=NO identity=YES",
                "primary key [id]", "unique uq_certificate_issuer_serial [ca_id, serial_number]",
                "index ix_certificate_ca_status [ca_id, revoked, not_after]",
                "foreign key [ca_id] -> certificate_authority[id] on delete 3");
    }

    /** Per table, sorted facts: columns, keys and indexes. */
    private static Map<String, List<String>> describe(DataSource dataSource) throws SQLException {
        Map<String, List<String>> tables = new TreeMap<>();
        try (Connection connection = dataSource.getConnection()) {
            String schema = connection.getSchema();
            try (var statement = connection.prepareStatement("SELECT table_name, column_name, data_type, character_maximum_length,"
                    + " is_nullable, is_identity FROM information_schema.columns WHERE table_schema = ?")) {
                statement.setString(1, schema);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        String table = lower(rs.getString(1));
                        if (table.equals("flyway_schema_history")) {
                            continue;
                        }
                        String type = lower(rs.getString(3));
                        type = SAME_TYPE.getOrDefault(type, type);
                        long length = rs.getLong(4);
                        // H2 2.4 reads TEXT as VARCHAR of its maximum length (1,000,000,000), which is PostgreSQL's TEXT.
                        String sized = type.equals("varchar") && length == H2_MAX_VARCHAR ? "text"
                                : type.equals("varchar") || type.equals("char") ? type + "(" + length + ")" : type;
                        tables.computeIfAbsent(table, t -> new ArrayList<>()).add("column " + lower(rs.getString(2)) + " " + sized
                                + " null=" + rs.getString(5) + " identity=" + rs.getString(6));
                    }
                }
            }
            // unique constraints by their names (H2 names the index behind one differently)
            Map<String, TreeMap<Integer, String>> uniques = new TreeMap<>();
            try (var statement = connection.prepareStatement("SELECT tc.table_name, tc.constraint_name, kcu.column_name,"
                    + " kcu.ordinal_position FROM information_schema.table_constraints tc JOIN information_schema.key_column_usage kcu"
                    + " ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema"
                    + " WHERE tc.constraint_type = 'UNIQUE' AND tc.table_schema = ?")) {
                statement.setString(1, schema);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        uniques.computeIfAbsent(lower(rs.getString(1)) + " " + lower(rs.getString(2)), u -> new TreeMap<>())
                                .put(rs.getInt(4), lower(rs.getString(3)));
                    }
                }
            }
            uniques.forEach((key, cols) -> {
                String[] tableAndName = key.split(" ");
                tables.get(tableAndName[0]).add("unique " + tableAndName[1] + " " + cols.values());
            });
            DatabaseMetaData meta = connection.getMetaData();
            for (String table : tables.keySet()) {
                String name = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
                List<String> facts = tables.get(table);
                facts.add("primary key " + columns(meta.getPrimaryKeys(null, schema, name), "KEY_SEQ"));
                try (ResultSet rs = meta.getImportedKeys(null, schema, name)) {
                    while (rs.next()) {
                        facts.add("foreign key [" + lower(rs.getString("FKCOLUMN_NAME")) + "] -> " + lower(rs.getString("PKTABLE_NAME"))
                                + "[" + lower(rs.getString("PKCOLUMN_NAME")) + "] on delete " + rs.getShort("DELETE_RULE"));
                    }
                }
                Map<String, TreeMap<Short, String>> indexes = new TreeMap<>();
                Map<String, Boolean> unique = new TreeMap<>();
                try (ResultSet rs = meta.getIndexInfo(null, schema, name, false, false)) {
                    while (rs.next()) {
                        String index = lower(rs.getString("INDEX_NAME"));
                        if (index != null && index.startsWith("ix_")) {
                            indexes.computeIfAbsent(index, i -> new TreeMap<>()).put(rs.getShort("ORDINAL_POSITION"),
                                    lower(rs.getString("COLUMN_NAME")));
                            unique.put(index, !rs.getBoolean("NON_UNIQUE"));
                        }
                    }
                }
                indexes.forEach((index, cols) -> facts.add((unique.get(index) ? "unique index " : "index ") + index + " " + cols.values()));
                facts.sort(null);
            }
        }
        return tables;
    }

    private static String columns(ResultSet rs, String orderColumn) throws SQLException {
        TreeMap<Short, String> columns = new TreeMap<>();
        try (rs) {
            while (rs.next()) {
                columns.put(rs.getShort(orderColumn), lower(rs.getString("COLUMN_NAME")));
            }
        }
        return new TreeSet<>(columns.values()).isEmpty() ? "[]" : columns.values().toString();
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }
}
