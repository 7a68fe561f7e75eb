package dev.inkan.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A consistent copy of the H2 database while it serves: H2's {@code BACKUP TO} (online: it copies the store as
 * of one point in time while writers go on) run on a connection of the process that holds the database, then
 * the copy's {@value #DATABASE_ENTRY} written into Inkan's backup archive. PostgreSQL is copied with its own
 * tools ({@code pg_dump}), never here.
 */
public final class DatabaseBackup {

    /** The one entry every Inkan backup archive holds. */
    public static final String DATABASE_ENTRY = "inkan.mv.db";

    private DatabaseBackup() {}

    /** True when {@code connection} is H2 (the only database this class copies). */
    public static boolean isH2(Connection connection) throws SQLException {
        return "H2".equals(connection.getMetaData().getDatabaseProductName());
    }

    /**
     * Runs {@code BACKUP TO} into a scratch file in {@code scratchDir} (same file system, owner-only) and puts
     * its database file into {@code archive} as {@value #DATABASE_ENTRY}; the scratch file is deleted.
     */
    public static void write(Connection connection, Path scratchDir, ZipOutputStream archive) throws IOException, SQLException {
        Path snapshot = Files.createTempFile(scratchDir, ".inkan-backup-", ".zip");
        Files.delete(snapshot); // BACKUP TO makes it
        try {
            try (var statement = connection.prepareStatement("BACKUP TO ?")) {
                statement.setString(1, snapshot.toString());
                statement.execute();
            }
            copyDatabaseEntry(snapshot, archive);
        } finally {
            Files.deleteIfExists(snapshot);
        }
    }

    /** Copies the {@value #DATABASE_ENTRY} entry of a zip (H2's backup, or an Inkan archive) into {@code archive}. */
    public static void copyDatabaseEntry(Path zip, ZipOutputStream archive) throws IOException {
        try (ZipFile source = new ZipFile(zip.toFile())) {
            ZipEntry entry = source.getEntry(DATABASE_ENTRY);
            if (entry == null) {
                throw new IOException(zip + " holds no " + DATABASE_ENTRY);
            }
            put(source.getInputStream(entry), archive, DATABASE_ENTRY);
        }
    }

    /** One entry of the archive from a stream (closed afterwards). */
    public static void put(InputStream in, ZipOutputStream archive, String name) throws IOException {
        try (in) {
            archive.putNextEntry(new ZipEntry(name));
            in.transferTo(archive);
            archive.closeEntry();
        }
    }

    /** The archive as a stream's whole content (the API's answer). */
    public static void write(Connection connection, Path scratchDir, OutputStream out) throws IOException, SQLException {
        ZipOutputStream archive = new ZipOutputStream(out);
        write(connection, scratchDir, archive);
        archive.finish();
    }
}
