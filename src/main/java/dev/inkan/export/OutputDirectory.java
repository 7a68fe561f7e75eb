package dev.inkan.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a set of {@link OutputFile}s into a directory all together: every file is first written
 * in full to a temporary file beside its final name (created 0600, so a key is never readable by
 * others even for a moment), given its mode and owner, and only when all of them are written are
 * they renamed into place (rename(2) is atomic within a file system). A failure before the renames
 * removes the temporary files and leaves the directory as it was.
 *
 * <p>When the process runs as root (a container writing into a mounted {@code /certs}), the files
 * are given the owner and group of the directory, so the host user who owns it can read and
 * delete them without sudo.
 */
public final class OutputDirectory {

    private static final String TEMP_SUFFIX = ".inkan-tmp";

    private OutputDirectory() {}

    /** Writes {@code files} under {@code directory} (created when missing) and returns the paths written. */
    public static List<Path> write(Path directory, List<OutputFile> files) throws IOException {
        Set<String> names = new HashSet<>();
        for (OutputFile file : files) {
            if (!names.add(file.name())) {
                throw new IllegalArgumentException("two output files are named " + file.name());
            }
        }
        Path dir = directory.toAbsolutePath().normalize();
        requireWritable(dir);
        List<Path> created = createDirectories(dir);
        Owner owner = Owner.forFilesIn(dir);
        Map<Path, Path> staged = new LinkedHashMap<>();
        try {
            for (OutputFile file : files) {
                Path target = dir.resolve(file.name()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IllegalArgumentException(file.name() + " is outside " + dir);
                }
                if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    // rename(2) cannot replace a directory with a file: fail now, before anything is renamed
                    throw new java.nio.file.FileSystemException(target.toString(), null, "is a directory");
                }
                Path parent = target.getParent();
                if (!Files.isDirectory(parent)) {
                    for (Path made : createDirectories(parent)) {
                        created.add(made);
                        owner.apply(made);
                    }
                }
                Path temp = parent.resolve("." + target.getFileName() + "." + Long.toUnsignedString(System.nanoTime(), 36) + TEMP_SUFFIX);
                staged.put(temp, target);
                writeTemp(temp, file, owner);
            }
        } catch (IOException | RuntimeException e) {
            for (Path temp : staged.keySet()) {
                deleteQuietly(temp, e);
            }
            for (int i = created.size() - 1; i >= 0; i--) {
                deleteQuietly(created.get(i), e); // only what this call made, and only if still empty
            }
            throw e;
        }
        List<Path> written = new ArrayList<>(staged.size());
        for (Map.Entry<Path, Path> entry : staged.entrySet()) {
            try {
                Files.move(entry.getKey(), entry.getValue(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(entry.getKey(), entry.getValue(), StandardCopyOption.REPLACE_EXISTING);
            }
            written.add(entry.getValue());
        }
        return written;
    }

    /**
     * Fails early, before any work, when {@code directory} (or, if it does not exist yet, its
     * nearest existing ancestor) is not a directory this process may write into.
     */
    public static void requireWritable(Path directory) throws IOException {
        Path dir = directory.toAbsolutePath().normalize();
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new IOException(existing + " is not a directory");
        }
        if (!Files.isWritable(existing) || !Files.isExecutable(existing)) { // access(2): right for root too
            throw new IOException("permission denied for " + existing);
        }
    }

    private static void deleteQuietly(Path path, Exception failure) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            failure.addSuppressed(e); // the first failure is the one to report; keep cleaning up
        }
    }

    /** Creates the missing directories up to {@code dir}, returning those it made, outermost first. */
    private static List<Path> createDirectories(Path dir) throws IOException {
        List<Path> missing = new ArrayList<>();
        Path existing = dir;
        for (; existing != null && !Files.exists(existing); existing = existing.getParent()) {
            missing.add(0, existing);
        }
        if (existing != null && !Files.isDirectory(existing)) {
            throw new java.nio.file.FileSystemException(existing.toString(), null, "not a directory");
        }
        for (Path p : missing) {
            Files.createDirectory(p);
        }
        return new ArrayList<>(missing);
    }

    private static void writeTemp(Path temp, OutputFile file, Owner owner) throws IOException {
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        try (FileChannel channel = FileChannel.open(temp, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(ownerOnly))) {
            ByteBuffer buffer = ByteBuffer.wrap(file.content());
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        owner.apply(temp);
        // Set explicitly: the mode must not depend on the process umask.
        Files.setPosixFilePermissions(temp, permissions(file.mode()));
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> result = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                result.add(bits[i]);
            }
        }
        return result;
    }

    /** The uid/gid to give written files: the directory's, when running as root and they differ; else none. */
    private record Owner(Integer uid, Integer gid) {
        static Owner forFilesIn(Path dir) throws IOException {
            int processUid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (processUid != 0) {
                return new Owner(null, null); // only root may give files away (chown(2))
            }
            int uid = (Integer) Files.getAttribute(dir, "unix:uid");
            int gid = (Integer) Files.getAttribute(dir, "unix:gid");
            return uid == 0 && gid == 0 ? new Owner(null, null) : new Owner(uid, gid);
        }

        void apply(Path path) throws IOException {
            if (uid != null) {
                Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }
}
