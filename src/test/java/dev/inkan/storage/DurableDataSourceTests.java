package dev.inkan.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the data source, a change to the real H2 database is reported done (commit() returns, or an
 * auto-committed statement) only once it is written to the database file and a force that began after the write
 * is done; a query waits for nothing. What a crash at that moment would leave is read from a copy of the file
 * taken while the database is still open (as after {@code kill -9}). H2 is opened with a write delay of a minute,
 * so that its own background writer stores nothing during a test: without the data source a commit is then not
 * in the file at all, which is what makes this a test.
 */
class DurableDataSourceTests {

    @TempDir
    Path dir;

    @Test
    void aCommittedTransactionIsInTheFileAndForcedWhenCommitReturns() throws Exception {
        DataSource durable = new DurableDataSource(h2("tx"));
        try (Connection db = durable.getConnection()) {
            db.createStatement().execute("CREATE TABLE t (v VARCHAR(8))");
            db.setAutoCommit(false);
            db.prepareStatement("INSERT INTO t VALUES ('kept')").executeUpdate();
            long before = file("tx").writes();
            db.commit();

            assertThat(file("tx").writes()).as("the commit stored").isGreaterThan(before);
            assertThat(file("tx").writesForced()).as("and forced").isEqualTo(file("tx").writes());
            assertThat(valuesInACopyOf("tx")).containsExactly("kept");
        }
    }

    @Test
    void anAutoCommittedStatementIsInTheFileWhenItReturnsAndAQueryForcesNothing() throws Exception {
        DataSource durable = new DurableDataSource(h2("auto"));
        try (Connection db = durable.getConnection()) {
            db.createStatement().execute("CREATE TABLE t (v VARCHAR(8))");
            db.createStatement().executeUpdate("INSERT INTO t VALUES ('kept')");
            assertThat(file("auto").writesForced()).isEqualTo(file("auto").writes());
            assertThat(valuesInACopyOf("auto")).containsExactly("kept");

            long stores = file("auto").writes();
            db.createStatement().executeQuery("SELECT COUNT(*) FROM t").close();
            assertThat(file("auto").writes()).isEqualTo(stores);
        }
    }

    @Test
    void manyWritersAtOnceAreEachInTheFileWhenTheirCommitReturns() throws Exception {
        DataSource durable = new DurableDataSource(h2("many"));
        try (Connection db = durable.getConnection()) {
            db.createStatement().execute("CREATE TABLE t (v VARCHAR(8))");
        }
        List<Thread> writers = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        List<String> early = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            String value = "w" + w;
            Thread writer = new Thread(() -> {
                try (Connection db = durable.getConnection()) {
                    for (int i = 0; i < 25; i++) {
                        long before = file("many").writes();
                        db.setAutoCommit(false);
                        db.prepareStatement("INSERT INTO t VALUES ('" + value + "-" + i + "')").executeUpdate();
                        db.commit();
                        // the chunk holding this commit was written after `before` was read, and forced
                        if (file("many").writesForced() <= before) {
                            synchronized (early) {
                                early.add(value + "-" + i);
                            }
                        }
                    }
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            writer.start();
            writers.add(writer);
        }
        for (Thread writer : writers) {
            writer.join();
        }
        assertThat(failures).isEmpty();
        assertThat(early).as("commits answered before a store and force covered them").isEmpty();
        assertThat(valuesInACopyOf("many")).hasSize(200);
        assertThat(file("many").writesForced()).isEqualTo(file("many").writes());
    }

    @Test
    void withoutTheDataSourceACommitIsNotEvenWritten() throws Exception {
        DataSource plain = h2("plain");
        try (Connection db = plain.getConnection()) {
            db.createStatement().execute("CREATE TABLE t (v VARCHAR(8))");
            db.createStatement().execute("CHECKPOINT"); // the table is in the file, so that the copy opens
            db.setAutoCommit(false);
            db.prepareStatement("INSERT INTO t VALUES ('lost')").executeUpdate();
            db.commit();
            assertThat(valuesInACopyOf("plain")).isEmpty();
        }
    }

    /** An H2 database on the synced file system, as the service opens it, with H2's own writes a minute apart. */
    private JdbcDataSource h2(String name) {
        SyncedFilePath.register();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:sync:" + dir.resolve(name) + ";WRITE_DELAY=60000;DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return h2;
    }

    private SyncedFileChannel file(String name) {
        return SyncedFilePath.channel(dir.resolve(name + ".mv.db").toString()).orElseThrow();
    }

    /** The rows of table t in a copy of the database file as it is now (what a crash now would leave). */
    private List<String> valuesInACopyOf(String name) throws Exception {
        Path copy = dir.resolve("copy-" + name + "-" + System.nanoTime());
        Files.copy(dir.resolve(name + ".mv.db"), Path.of(copy + ".mv.db"));
        List<String> values = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + copy, "sa", "");
                ResultSet rows = db.createStatement().executeQuery("SELECT v FROM t ORDER BY v")) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
