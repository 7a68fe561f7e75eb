package dev.inkan.testing;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The two databases Inkan supports, for tests that run on each: a fresh in-memory H2, or a fresh database
 * on the test's own PostgreSQL ({@link PostgresServer}). Parameterise over the enum.
 */
public enum TestDatabase {
    H2("h2"), POSTGRESQL("postgresql");

    private final String vendor;

    TestDatabase(String vendor) {
        this.vendor = vendor;
    }

    /** Flyway's {@code {vendor}} for this database, as in {@code db/vendor/{vendor}}. */
    public String vendor() {
        return vendor;
    }

    /** A new, empty database. */
    public DataSource fresh() {
        if (this == H2) {
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL("jdbc:h2:mem:test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            dataSource.setUser("inkan");
            return dataSource;
        }
        return postgresql(PostgresServer.shared().createDatabase());
    }

    /** A new database with the service's schema, migrated as the service migrates it. */
    public DataSource migrated() {
        DataSource dataSource = fresh();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                .load().migrate();
        return dataSource;
    }

    /** A second connection source to the same PostgreSQL database: another "node". */
    public static DataSource postgresql(String jdbcUrl) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl);
        dataSource.setUser(PostgresServer.USER);
        return dataSource;
    }
}
