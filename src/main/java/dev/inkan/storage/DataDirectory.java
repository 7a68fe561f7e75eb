package dev.inkan.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The service's data directory, held for the life of the process: created 0700 (an existing one and the
 * files in it are narrowed to 0700/0600), and locked through {@value #LOCK_FILE} ({@code FileChannel.tryLock},
 * an OS lock that dies with the process, even on {@code kill -9}) so that a second process refuses to start
 * instead of meeting H2's own lock error.
 */
public final class DataDirectory implements AutoCloseable {

    public static final String LOCK_FILE = "inkan.lock";

    private final Path path;
    private final FileChannel lockFile;
    private final FileLock lock;
    private final List<Path> narrowed;
    private final List<String> unnarrowed;

    private DataDirectory(Path path, FileChannel lockFile, FileLock lock, List<Path> narrowed, List<String> unnarrowed) {
        this.path = path;
        this.lockFile = lockFile;
        this.lock = lock;
        this.narrowed = narrowed;
        this.unnarrowed = unnarrowed;
    }

    /** Narrows one path; a path this user does not own (a mounted volume) is reported, not fatal. */
    private static void narrow(Path target, boolean directory, List<Path> narrowed, List<String> unnarrowed) {
        try {
            if (directory ? OwnerOnly.directory(target) : OwnerOnly.file(target)) {
                narrowed.add(target);
            }
        } catch (UncheckedIOException e) {
            unnarrowed.add(target + " (" + e.getCause() + ")");
        }
    }

    /** Creates (0700), narrows and locks the directory, or refuses with what to do. */
    public static DataDirectory open(Path dir) {
        Path path = dir.toAbsolutePath().normalize();
        List<Path> narrowed = new ArrayList<>();
        List<String> unnarrowed = new ArrayList<>();
        try {
            if (!Files.isDirectory(path)) {
                Files.createDirectories(path.getParent());
                Files.createDirectory(path, PosixFilePermissions.asFileAttribute(OwnerOnly.DIRECTORY));
            } else {
                narrow(path, true, narrowed, unnarrowed);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new StartRefusedException("cannot create the data directory " + path + " (" + e.getMessage()
                    + "); set INKAN_DATA_DIR to a directory this user can write");
        }
        FileChannel channel = null;
        try {
            Path lockPath = path.resolve(LOCK_FILE);
            channel = FileChannel.open(lockPath, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(OwnerOnly.FILE));
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException inThisJvm) {
                lock = null;
            }
            if (lock == null) {
                String holder = Files.readString(lockPath, StandardCharsets.US_ASCII).strip();
                channel.close();
                throw new StartRefusedException("another Inkan process" + (holder.isEmpty() ? "" : " (" + holder + ")")
                        + " is using the data directory " + path + "; stop it first, or give this one its own INKAN_DATA_DIR");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            try (Stream<Path> files = Files.list(path)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    narrow(file, false, narrowed, unnarrowed);
                }
            }
            return new DataDirectory(path, channel, lock, narrowed, unnarrowed);
        } catch (IOException | UncheckedIOException e) {
            closeQuietly(channel);
            throw new StartRefusedException("cannot lock the data directory " + path + " (" + e.getMessage()
                    + "); check its owner and permissions, or set INKAN_DATA_DIR");
        }
    }

    public Path path() {
        return path;
    }

    /** What was readable by others at start and is owner-only now (to log once). */
    public List<Path> narrowed() {
        return narrowed;
    }

    /** What is readable by others and could not be narrowed (to log as a warning). */
    public List<String> unnarrowed() {
        return unnarrowed;
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel closes next, which releases the lock anyway
        }
        closeQuietly(lockFile);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to do: the OS releases the lock with the descriptor
            }
        }
    }
}
