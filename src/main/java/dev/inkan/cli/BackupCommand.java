package dev.inkan.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import dev.inkan.storage.DatabaseBackup;

/**
 * {@code inkan backup --out FILE [--data-dir DIR] [--include-master-key]} and
 * {@code inkan restore --from FILE [--data-dir DIR]} for the default H2 database; PostgreSQL is backed
 * up with its own tools (pg_dump/pg_restore, README "Scaling out").
 *
 * <p>H2's {@code BACKUP TO} copies a consistent snapshot. H2 lets one process open its file: with the service
 * stopped the command runs it itself; while the service runs it asks the service ({@code POST /api/v1/backup},
 * {@link OnlineBackupSource}), which runs the same statement online. The archive is 0600 and holds {@code inkan.mv.db}; with {@code --include-master-key}
 * also {@code master.key}, which makes the archive as secret as every CA key (without it, keep the master
 * key apart, as the README says: the database alone opens no key). Restore unpacks into an empty data
 * directory. No Spring, no web server.
 */
public final class BackupCommand {

    static final String DATABASE_FILE = DatabaseBackup.DATABASE_ENTRY;
    static final String MASTER_KEY_FILE = "master.key";

    private BackupCommand() {}

    /** Runs {@code backup} or {@code restore} (args without the command name); 0 on success, 1 with one line on stderr. */
    public static int run(String command, List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        try {
            String url = env.get("INKAN_DATABASE_URL");
            if (url != null && !url.isBlank() && !url.startsWith("jdbc:h2:")) {
                throw new IllegalArgumentException("INKAN_DATABASE_URL is not H2; back PostgreSQL up with pg_dump -Fc and"
                        + " restore with pg_restore (README, Scaling out)");
            }
            Path dataDir = Path.of(option(args, "--data-dir", env.getOrDefault("INKAN_DATA_DIR", "./data"))).toAbsolutePath().normalize();
            if (command.equals("backup")) {
                Path file = Path.of(required(args, "--out")).toAbsolutePath().normalize();
                backup(dataDir, file, args.contains("--include-master-key"), OnlineBackupSource.of(args, env, dataDir));
                out.println("backup of " + dataDir + " written to " + file + (args.contains("--include-master-key")
                        ? " with master.key: keep it as secret as the CA keys"
                        : "; master.key is NOT in it: keep a copy of " + dataDir.resolve(MASTER_KEY_FILE) + " (or INKAN_MASTER_KEY) apart"));
            } else {
                Path file = Path.of(required(args, "--from")).toAbsolutePath().normalize();
                boolean withKey = restore(file, dataDir);
                out.println("restored " + file + " into " + dataDir + (withKey ? "" : "; the backup has no master.key: copy the"
                        + " original to " + dataDir.resolve(MASTER_KEY_FILE) + " (0600) or set INKAN_MASTER_KEY before starting"));
            }
            return 0;
        } catch (IllegalArgumentException | IOException | SQLException e) {
            err.println("inkan " + command + ": " + e.getMessage());
            return 1;
        }
    }

    static void backup(Path dataDir, Path file, boolean includeMasterKey, OnlineBackupSource service) throws IOException, SQLException {
        if (!Files.exists(dataDir.resolve(DATABASE_FILE))) {
            throw new IllegalArgumentException("no Inkan database in " + dataDir + "; give --data-dir (or INKAN_DATA_DIR)");
        }
        Path directory = file.toAbsolutePath().getParent();
        Path partial = Files.createTempFile(directory, ".inkan-backup-", ".part",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (OutputStream os = Files.newOutputStream(partial); ZipOutputStream zip = new ZipOutputStream(os)) {
                Connection offline = null;
                try {
                    offline = DriverManager.getConnection(url(dataDir), "inkan", "");
                } catch (SQLException e) {
                    if (e.getErrorCode() != 90020) { // DATABASE_ALREADY_OPEN_1: the running service holds the file
                        throw e;
                    }
                }
                if (offline == null) {
                    service.backupInto(directory, zip); // online: the service copies its own database
                } else {
                    try (Connection connection = offline) {
                        DatabaseBackup.write(connection, directory, zip);
                    }
                }
                if (includeMasterKey) {
                    Path key = dataDir.resolve(MASTER_KEY_FILE);
                    if (!Files.exists(key)) {
                        throw new IllegalArgumentException("no " + key + ": the service takes its key from INKAN_MASTER_KEY;"
                                + " keep that value apart and leave out --include-master-key");
                    }
                    DatabaseBackup.put(Files.newInputStream(key), zip, MASTER_KEY_FILE);
                }
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Unpacks into an empty (or absent) data directory; true when the backup held the master key. */
    static boolean restore(Path file, Path dataDir) throws IOException {
        if (Files.exists(dataDir.resolve(DATABASE_FILE))) {
            throw new IllegalArgumentException(dataDir + " already holds a database; restore into an empty data directory");
        }
        Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        boolean withKey = false;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry(DATABASE_FILE) == null) {
                throw new IllegalArgumentException(file + " is not an Inkan backup (no " + DATABASE_FILE + ")");
            }
            for (String name : Set.of(DATABASE_FILE, MASTER_KEY_FILE)) {
                ZipEntry entry = zip.getEntry(name);
                if (entry != null) {
                    Path target = dataDir.resolve(name);
                    Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    withKey |= name.equals(MASTER_KEY_FILE);
                }
            }
        }
        return withKey;
    }

    /** The service's own URL (application.properties); never creates a database. */
    static String url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("inkan") + ";IFEXISTS=TRUE";
    }

    static String option(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        if (i < 0) {
            return fallback;
        }
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args.get(i + 1);
    }

    private static String required(List<String> args, String name) {
        String value = option(args, name, null);
        if (value == null) {
            throw new IllegalArgumentException("give " + name + " FILE; usage: inkan backup --out FILE [--data-dir DIR]"
                    + " [--include-master-key] [--url URL] [--cacert PEM] | inkan restore --from FILE [--data-dir DIR]");
        }
        return value;
    }
}
