package dev.inkan.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * H2's pluggable file system (org.h2.store.fs.FilePath, "jdbc:h2:sync:./data/inkan"): the database file
 * ({@code *.mv.db}) is opened with {@link SyncedFileChannel}, so each commit is forced to the disk, and
 * every file H2 creates (database, trace, temporary) is made owner-only (0600) before anything is written.
 * H2 by itself never calls fsync on commit: with its default {@code WRITE_DELAY=500} a commit stays in
 * memory for up to half a second, and even with {@code WRITE_DELAY=0} it only reaches the OS page cache.
 */
public final class SyncedFilePath extends FilePathWrapper {

    public static final String SCHEME = "sync";
    private static final String DATABASE_SUFFIX = ".mv.db";

    /** Makes the scheme known to H2; idempotent. Must run before the first connection. */
    public static void register() {
        FilePath.register(new SyncedFilePath());
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        boolean created = !getBase().exists();
        FileChannel channel = getBase().open(mode);
        if (created) {
            OwnerOnly.file(OwnerOnly.ofH2Name(getBase().toString()));
        }
        return getBase().getName().endsWith(DATABASE_SUFFIX) && !"r".equals(mode) ? new SyncedFileChannel(channel) : channel;
    }

    @Override
    public boolean createFile() {
        boolean created = getBase().createFile();
        if (created) {
            OwnerOnly.file(OwnerOnly.ofH2Name(getBase().toString()));
        }
        return created;
    }

    @Override
    public OutputStream newOutputStream(boolean append) throws IOException {
        boolean created = !getBase().exists();
        OutputStream out = getBase().newOutputStream(append);
        if (created) {
            OwnerOnly.file(OwnerOnly.ofH2Name(getBase().toString()));
        }
        return out;
    }
}
