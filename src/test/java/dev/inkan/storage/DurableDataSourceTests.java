package dev.inkan.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With H2 committing in memory (a long write delay), what passes the data source is in the database file when
 * commit() or an auto-committed statement returns: a copy of the file taken at that moment, as a crash would
 * leave it, holds the row. Without the data source the same copy does not, which is what makes this a test.
 */
class DurableDataSourceTests {

    @TempDir
    Path dir;

    @Test
    void aTransactionCommittedThroughTheDataSourceIsInTheFileWhenCommitReturns() throws Exception {
        DataSource durable = new DurableDataSource(h2("tx"));
        try (Connection db = durable.getConnection()) {
            db.createStatement().execute("CREATE TABLE t (v VARCHAR(8))");
            db.setAutoCommit(false);
            db.prepareStatement("INSERT INTO t VALUES ('kept')").executeUpdate();
            db.commit();
            assertThat(rowsInACopyOfTheFile("tx")).isEqualTo(1);
        }
    }

    @Test
    void anAutoCommittedStatementIsInTheFileWhenItReturns() throws Exception {
        DataSource durable = new DurableDataSource(h2("auto"));
        try (Connection db = durable.getConnection()) {
            db.createStatement().execute("CREATE TABLE t (v VARCHAR(8))");
            db.createStatement().executeUpdate("INSERT INTO t VALUES ('kept')");
            assertThat(rowsInACopyOfTheFile("auto")).isEqualTo(1);
        }
    }

    @Test
    void withoutTheDataSourceACommitStaysInMemory() throws Exception {
        DataSource plain = h2("plain");
        try (Connection db = plain.getConnection()) {
            db.createStatement().execute("CREATE TABLE t (v VARCHAR(8))");
            new DurableDataSource(plain).getConnection().createStatement().execute("CREATE TABLE stored (v VARCHAR(8))");
            db.setAutoCommit(false);
            db.prepareStatement("INSERT INTO t VALUES ('lost')").executeUpdate();
            db.commit();
            assertThat(rowsInACopyOfTheFile("plain")).isZero();
        }
    }

    /** An H2 database on the synced file system that would keep commits in memory for a minute. */
    private JdbcDataSource h2(String name) {
        SyncedFilePath.register();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:sync:" + dir.resolve(name) + ";WRITE_DELAY=60000;DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return h2;
    }

    /** Rows of table t in a copy of the database file taken now (-1: no table t yet in the copy). */
    private int rowsInACopyOfTheFile(String name) throws Exception {
        Path copy = Files.createDirectories(dir.resolve("copy-" + name));
        Files.copy(dir.resolve(name + ".mv.db"), copy.resolve(name + ".mv.db"));
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + copy.resolve(name), "sa", "");
             var rs = db.createStatement().executeQuery("SELECT COUNT(*) FROM t")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException noTableYet) {
            return -1;
        }
    }
}
