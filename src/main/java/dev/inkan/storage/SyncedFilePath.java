package dev.inkan.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * H2's pluggable file system (org.h2.store.fs.FilePath, "jdbc:h2:sync:./data/inkan"): the database file
 * ({@code *.mv.db}) is opened with {@link SyncedFileChannel}, whose {@link GroupCommit} forces commits to the
 * disk ({@link DurableDataSource} waits there before a commit returns), and
 * every file H2 creates (database, trace, temporary) is made owner-only (0600) before anything is written.
 * H2 by itself never calls fsync on commit: with its default {@code WRITE_DELAY=500} a commit stays in
 * memory for up to half a second, and even with {@code WRITE_DELAY=0} it only reaches the OS page cache.
 *
 * <p>Files are opened through H2's {@code retry:} file system (FilePathRetryOnInterrupt): a thread
 * interrupted while it writes (a scheduler stopped at shutdown, say) closes a plain {@link FileChannel}
 * ({@code ClosedByInterruptException}), which makes H2 give up the store mid-write and fall back to an
 * older version of it on the next start; the retrying channel reopens the file and finishes the write.
 */
public final class SyncedFilePath extends FilePathWrapper {

    public static final String SCHEME = "sync";
    private static final String DATABASE_SUFFIX = ".mv.db";
    private static final String RETRY_ON_INTERRUPT = "retry:";

    /** The database files open for writing, by absolute path: H2 gives no access to its channel. */
    private static final Map<Path, SyncedFileChannel> OPEN = new ConcurrentHashMap<>();

    /** A database file this file system has open for writing ({@code name} as H2 gives it). */
    static Optional<SyncedFileChannel> channel(String name) {
        String base = name.startsWith(SCHEME + ":") ? name.substring(SCHEME.length() + 1) : name;
        return Optional.ofNullable(OPEN.get(key(base)));
    }

    /** Forgets a database file's channel once it is closed (a newer channel of the same file stays). */
    static void closed(SyncedFileChannel channel) {
        OPEN.values().remove(channel);
    }

    private static Path key(String h2Name) {
        return OwnerOnly.ofH2Name(h2Name).toAbsolutePath().normalize();
    }

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
        FileChannel channel = FilePath.get(RETRY_ON_INTERRUPT + getBase()).open(mode);
        if (created) {
            OwnerOnly.file(OwnerOnly.ofH2Name(getBase().toString()));
        }
        if (!getBase().getName().endsWith(DATABASE_SUFFIX) || "r".equals(mode)) {
            return channel;
        }
        SyncedFileChannel synced = new SyncedFileChannel(channel);
        OPEN.put(key(getBase().toString()), synced);
        return synced;
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
