package dev.inkan.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the data source, a change to the real H2 database is reported done (commit() returns, or an
 * auto-committed statement) only after a force of the database file that covers every write made so far;
 * a query waits for nothing. Without the data source H2's own commit leaves its writes unforced, which is
 * what makes this a test.
 */
class DurableDataSourceTests {

    @TempDir
    Path dir;

    @Test
    void aCommittedTransactionIsForcedWhenCommitReturns() throws Exception {
        DataSource durable = new DurableDataSource(h2("tx"));
        try (Connection db = durable.getConnection()) {
            db.createStatement().execute("CREATE TABLE t (v VARCHAR(8))");
            db.setAutoCommit(false);
            db.prepareStatement("INSERT INTO t VALUES ('kept')").executeUpdate();
            long beforeCommit = file("tx").version();
            db.commit();
            assertThat(file("tx").version()).as("the commit wrote").isGreaterThan(beforeCommit);
            assertThat(file("tx").group().durableThrough()).isGreaterThanOrEqualTo(file("tx").version());
        }
    }

    @Test
    void anAutoCommittedStatementIsForcedWhenItReturnsAndAQueryForcesNothing() throws Exception {
        DataSource durable = new DurableDataSource(h2("auto"));
        try (Connection db = durable.getConnection()) {
            db.createStatement().execute("CREATE TABLE t (v VARCHAR(8))");
            db.createStatement().executeUpdate("INSERT INTO t VALUES ('kept')");
            assertThat(file("auto").group().durableThrough()).isGreaterThanOrEqualTo(file("auto").version());

            long forced = file("auto").group().durableThrough();
            db.createStatement().executeQuery("SELECT COUNT(*) FROM t").close();
            assertThat(file("auto").group().durableThrough()).isEqualTo(forced);
        }
    }

    @Test
    void withoutTheDataSourceACommitIsWrittenButNotForced() throws Exception {
        DataSource plain = h2("plain");
        try (Connection db = plain.getConnection()) {
            db.createStatement().execute("CREATE TABLE t (v VARCHAR(8))");
            db.setAutoCommit(false);
            db.prepareStatement("INSERT INTO t VALUES ('unforced')").executeUpdate();
            db.commit();
            assertThat(file("plain").group().durableThrough()).isLessThan(file("plain").version());
        }
    }

    /** An H2 database on the synced file system, as the service opens it. */
    private JdbcDataSource h2(String name) {
        SyncedFilePath.register();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:sync:" + dir.resolve(name) + ";WRITE_DELAY=0;DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return h2;
    }

    private SyncedFileChannel file(String name) {
        return SyncedFilePath.channel(dir.resolve(name + ".mv.db").toString()).orElseThrow();
    }
}
