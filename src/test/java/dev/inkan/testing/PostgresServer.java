package dev.inkan.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL 15 from Debian's {@code postgresql} package, started once per test JVM on a scratch
 * directory and a free port on 127.0.0.1 (TESTING.md "PostgreSQL": initdb refuses root, so it runs as
 * {@code postgres} when the tests run as root), stopped when the JVM exits. Each test takes a fresh
 * database of its own:
 * <pre>
 * String url = PostgresServer.shared().createDatabase();   // jdbc:postgresql://127.0.0.1:PORT/inkan_3
 * </pre>
 * Trust authentication on loopback: user {@link #USER}, no password.
 */
public final class PostgresServer {

    public static final String USER = "postgres";
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static PostgresServer shared;

    private final Path dir;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** The server of this JVM, started on first use. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start();
            PostgresServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return shared;
    }

    private static PostgresServer start() {
        Path initdb = BIN.resolve("initdb");
        if (!Files.isExecutable(initdb)) {
            throw new AssertionError(initdb + " is missing; install the Debian package 'postgresql' (.ci/run does)");
        }
        try {
            // /tmp, not target/: the postgres user must reach the directory through every parent.
            Path dir = Files.createTempDirectory("inkan-pg-");
            asServerUser(List.of("chown", USER + ":" + USER, dir.toString()), true);
            run(List.of(initdb.toString(), "-D", dir.resolve("data").toString(), "-U", USER, "--auth=trust", "-E", "UTF8",
                    "--no-sync"), "initdb");
            AssertionError last = null;
            for (int attempt = 0; attempt < 3; attempt++) { // a free port may be taken between probe and bind
                int port = Tools.freePort();
                var result = runResult(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                        "-l", dir.resolve("log").toString(), "-w", "-t", "60", "-o",
                        "-c listen_addresses=127.0.0.1 -p " + port + " -k " + dir
                                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
                        "start"));
                if (result.ok()) {
                    return new PostgresServer(dir, port);
                }
                last = new AssertionError("PostgreSQL did not start: " + result.output() + log(dir));
            }
            throw last;
        } catch (IOException e) {
            throw new AssertionError("cannot prepare PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** A new, empty database; its JDBC URL. */
    public String createDatabase() {
        String name = "inkan_" + databases.incrementAndGet();
        try (Connection connection = connect("postgres"); var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new AssertionError("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, "");
    }

    public int port() {
        return port;
    }

    /** A program of the server's version ({@code pg_dump}, {@code psql}), for tests that use the client tools. */
    public static Path program(String name) {
        return BIN.resolve(name);
    }

    public void stop() {
        runResult(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
        Processes.run(List.of("rm", "-rf", dir.toString()));
    }

    private static void run(List<String> command, String what) {
        var result = runResult(command);
        if (!result.ok()) {
            throw new AssertionError(what + " failed: " + result.output());
        }
    }

    private static Processes.Result runResult(List<String> command) {
        return asServerUser(command, false);
    }

    /** Runs as {@code postgres} when this JVM is root (initdb and pg_ctl refuse root). */
    private static Processes.Result asServerUser(List<String> command, boolean asThisUser) {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root && asThisUser && command.get(0).equals("chown")) {
            return new Processes.Result(0, "", ""); // not root: the directory is ours and the server runs as us
        }
        List<String> full = new ArrayList<>();
        if (root && !asThisUser) {
            full.addAll(List.of("runuser", "-u", USER, "--"));
        }
        full.addAll(command);
        return Processes.run(full, null, Map.of(), Duration.ofMinutes(2));
    }

    private static String log(Path dir) {
        try {
            return "\n" + Files.readString(dir.resolve("log"));
        } catch (IOException e) {
            return "";
        }
    }

}
