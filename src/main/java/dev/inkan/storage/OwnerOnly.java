package dev.inkan.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Owner-only permissions for the data directory (0700) and what is in it (0600): it holds keys and their key. */
final class OwnerOnly {

    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnly() {}

    /** Sets 0600 on a file; true when it had more than that. */
    static boolean file(Path file) {
        return restrict(file, FILE);
    }

    /** Sets 0700 on a directory; true when it had more than that. */
    static boolean directory(Path dir) {
        return restrict(dir, DIRECTORY);
    }

    /** A path as H2 names it ({@code file:/x/y} or {@code /x/y}). */
    static Path ofH2Name(String name) {
        return Path.of(name.startsWith("file:") ? name.substring("file:".length()) : name);
    }

    private static boolean restrict(Path path, Set<PosixFilePermission> wanted) {
        if (!POSIX) {
            return false;
        }
        try {
            Set<PosixFilePermission> current = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            if (current.equals(wanted)) {
                return false;
            }
            Files.setPosixFilePermissions(path, wanted);
            return !wanted.containsAll(current);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + path + " owner-only", e);
        }
    }
}
