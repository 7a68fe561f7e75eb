package dev.inkan.storage;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The embedded H2 database with group commit. Every path that changes data waits, after H2 has committed it in
 * memory, in the file's {@link GroupCommit} until a store and force begun after that commit are done
 * ({@link SyncedFileChannel}: H2's pending changes written as one chunk, then one fdatasync outside H2's store
 * lock), so a client is answered only once its change is on the disk, while one chunk and one force serve all
 * the writers waiting together. A change is reported
 * done when {@code commit()} returns (or {@code setAutoCommit(true)}, which commits), or, in auto-commit mode,
 * when the statement that changed data returns. Any statement executed other than by {@code executeQuery}
 * counts as a change; a transaction rolled back waits for nothing. Other connections see a change from its
 * commit on, a few milliseconds before it is stored and forced.
 */
public final class DurableDataSource extends DelegatingDataSource {

    private static final Set<String> CHANGES = Set.of("execute", "executeUpdate", "executeLargeUpdate", "executeBatch",
            "executeLargeBatch");
    private static final Class<?>[] CONNECTION = {Connection.class};

    public DurableDataSource(DataSource h2) {
        super(h2);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return durable(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return durable(super.getConnection(username, password));
    }

    private Connection durable(Connection connection) throws SQLException {
        try {
            return (Connection) Proxy.newProxyInstance(DurableDataSource.class.getClassLoader(), CONNECTION,
                    new ConnectionHandler(connection, groupCommitOf(connection)));
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** The group commit of the file the connection's database is open on (looked up each time: H2 may reopen it). */
    private static GroupCommit groupCommitOf(Connection connection) throws SQLException {
        if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            throw new SQLException("group commit needs the embedded H2 database, not a server's");
        }
        MVStore store = session.getDatabase().getStore().getMvStore();
        FileStore<?> file = store.getFileStore();
        return SyncedFilePath.channel(file == null ? "" : file.getFileName()).map(channel -> channel.group(store))
                .orElseThrow(() -> new SQLException("group commit needs the H2 database file opened through "
                        + SyncedFilePath.SCHEME + ":"));
    }

    /** Calls through, unwrapping the target's own exception. */
    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void awaitDurable(GroupCommit commit) throws SQLException {
        try {
            commit.awaitDurable();
        } catch (RuntimeException e) {
            throw new SQLException("the change was committed but could not be forced to the disk: " + e.getMessage(), e);
        }
    }

    /** A connection that notes changes made in a transaction and waits for their durability on commit. */
    private static final class ConnectionHandler implements InvocationHandler {

        private final Connection connection;
        private final GroupCommit commit;
        private boolean changed;

        ConnectionHandler(Connection connection, GroupCommit commit) {
            this.connection = connection;
            this.commit = commit;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "durable " + connection;
                };
            }
            Object result = call(connection, method, args);
            switch (method.getName()) {
                case "createStatement", "prepareStatement", "prepareCall" -> {
                    Class<?> type = result instanceof CallableStatement ? CallableStatement.class
                            : result instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
                    return Proxy.newProxyInstance(DurableDataSource.class.getClassLoader(), new Class<?>[] {type},
                            (statement, m, a) -> executed(m, call(result, m, a)));
                }
                case "commit" -> committed();
                case "setAutoCommit" -> {
                    if ((Boolean) args[0]) {
                        committed();
                    }
                }
                case "rollback" -> changed = changed && args != null; // to a savepoint: earlier changes stay
                default -> { }
            }
            return result;
        }

        private Object executed(Method method, Object result) throws SQLException {
            if (CHANGES.contains(method.getName())) {
                if (connection.getAutoCommit()) {
                    awaitDurable(commit);
                } else {
                    changed = true;
                }
            }
            return result;
        }

        private void committed() throws SQLException {
            if (changed) {
                changed = false;
                awaitDurable(commit);
            }
        }
    }
}
