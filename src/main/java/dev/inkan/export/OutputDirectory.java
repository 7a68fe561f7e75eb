package dev.inkan.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import dev.inkan.engine.InvalidInputException;
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

    /**
     * Writes {@code files} under {@code directory} (created when missing) and returns the paths written.
     *
     * <p>Nothing inside the directory is trusted to stay what it was: its owner may be another user
     * than this process (root writing into a user's mounted {@code /certs}). So no symbolic link is
     * ever followed: a target or a sub-directory that is a link is refused before anything is written,
     * and every file is created, chmod-ed and renamed relative to an open directory descriptor
     * ({@link SecureDirectoryStream}: openat/renameat with O_NOFOLLOW), so a link swapped in after the
     * check cannot redirect a write either.
     */
    public static List<Path> write(Path directory, List<OutputFile> files) throws IOException {
        Set<String> names = new HashSet<>();
        Set<String> directories = new HashSet<>();
        for (OutputFile file : files) {
            if (!names.add(file.name())) {
                throw new IllegalArgumentException("two output files are named " + file.name());
            }
            String name = file.name();
            for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
                directories.add(name.substring(0, slash));
            }
        }
        for (String name : names) {
            if (directories.contains(name)) {
                throw new InvalidInputException("--out", "'" + name + "' would be both a file and the directory of "
                        + name + "/...; give the file another name");
            }
        }
        Path dir = directory.toAbsolutePath().normalize();
        requireWritable(dir);
        List<Path> created = createDirectories(dir);
        Owner owner = Owner.forFilesIn(dir);
        List<Staged> staged = new ArrayList<>();
        Map<String, SecureDirectoryStream<Path>> opened = new LinkedHashMap<>();
        try {
            SecureDirectoryStream<Path> root = open(dir);
            opened.put("", root);
            for (OutputFile file : files) {
                refuseLinkOrDirectory(dir, root, file.name());
            }
            for (OutputFile file : files) {
                int slash = file.name().lastIndexOf('/');
                String parentName = slash < 0 ? "" : file.name().substring(0, slash);
                SecureDirectoryStream<Path> parent = opened.get(parentName);
                if (parent == null) {
                    parent = subdirectory(dir, opened, parentName, created, owner);
                }
                Path leaf = Path.of(file.name().substring(slash + 1));
                Path temp = Path.of("." + leaf + "." + Long.toUnsignedString(System.nanoTime(), 36) + TEMP_SUFFIX);
                staged.add(new Staged(parent, temp, leaf, dir.resolve(file.name())));
                writeTemp(parent, temp, file, owner);
            }
            List<Path> written = new ArrayList<>(staged.size());
            for (Staged s : staged) {
                s.directory().move(s.temp(), s.directory(), s.target()); // renameat(2): replaces a link, never follows it
                written.add(s.path());
            }
            return written;
        } catch (IOException | RuntimeException e) {
            for (Staged s : staged) {
                try {
                    s.directory().deleteFile(s.temp());
                } catch (java.nio.file.NoSuchFileException gone) {
                    // renamed already, or never created
                } catch (IOException other) {
                    e.addSuppressed(other);
                }
            }
            closeAll(opened, e);
            opened.clear();
            for (int i = created.size() - 1; i >= 0; i--) {
                deleteQuietly(created.get(i), e); // only what this call made, and only if still empty
            }
            throw e;
        } finally {
            closeAll(opened, null);
        }
    }

    /** A file written under its temporary name, to be renamed to {@code target} in {@code directory}. */
    private record Staged(SecureDirectoryStream<Path> directory, Path temp, Path target, Path path) {}

    private static SecureDirectoryStream<Path> open(Path dir) throws IOException {
        var stream = Files.newDirectoryStream(dir);
        if (stream instanceof SecureDirectoryStream<Path> secure) {
            return secure;
        }
        stream.close();
        throw new IOException("this platform has no openat(2)-style directory access (SecureDirectoryStream); cannot write safely");
    }

    /** Refuses a name whose path inside DIR goes through, or ends in, a symbolic link (lstat of each segment). */
    private static void refuseLinkOrDirectory(Path dir, SecureDirectoryStream<Path> root, String name) throws IOException {
        String[] segments = name.split("/");
        StringBuilder sofar = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            sofar.append(i == 0 ? "" : "/").append(segments[i]);
            BasicFileAttributes attributes;
            try {
                attributes = root.getFileAttributeView(Path.of(sofar.toString()), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .readAttributes();
            } catch (java.nio.file.NoSuchFileException absent) {
                return;
            }
            Path path = dir.resolve(sofar.toString());
            if (attributes.isSymbolicLink()) {
                throw new InvalidInputException("--out", path + " is a symbolic link; oneshot never follows a link it did not"
                        + " create: remove it, or write to another directory");
            }
            boolean last = i == segments.length - 1;
            if (last && attributes.isDirectory()) {
                throw new InvalidInputException("--out", path + " is a directory, where a file of that name is to be written;"
                        + " remove it, or give the file another name");
            }
            if (!last && !attributes.isDirectory()) {
                throw new InvalidInputException("--out", path + " is a file, where the directory " + sofar + "/ is to be written;"
                        + " remove it, or give the file another name");
            }
        }
    }

    /** Opens (creating it when missing) the sub-directory {@code name} of DIR without following links. */
    private static SecureDirectoryStream<Path> subdirectory(Path dir, Map<String, SecureDirectoryStream<Path>> opened, String name,
                                                           List<Path> created, Owner owner) throws IOException {
        int slash = name.lastIndexOf('/');
        String parentName = slash < 0 ? "" : name.substring(0, slash);
        SecureDirectoryStream<Path> parent = opened.get(parentName);
        if (parent == null) {
            parent = subdirectory(dir, opened, parentName, created, owner);
        }
        Path path = dir.resolve(name);
        Path leaf = Path.of(name.substring(slash + 1));
        boolean exists;
        try {
            parent.getFileAttributeView(leaf, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
            exists = true;
        } catch (java.nio.file.NoSuchFileException absent) {
            exists = false;
        }
        if (!exists) {
            Files.createDirectory(path); // mkdir(2) never follows a link in its last component
            created.add(path);
            owner.apply(path);
        }
        SecureDirectoryStream<Path> sub;
        try {
            sub = parent.newDirectoryStream(leaf, LinkOption.NOFOLLOW_LINKS); // openat(O_NOFOLLOW|O_DIRECTORY)
        } catch (java.nio.file.FileSystemException e) {
            throw new InvalidInputException("--out", path + " is not a plain directory (a symbolic link?); oneshot never"
                    + " follows a link it did not create: remove it, or write to another directory");
        }
        opened.put(name, sub);
        return sub;
    }

    private static void closeAll(Map<String, SecureDirectoryStream<Path>> opened, Exception failure) {
        for (SecureDirectoryStream<Path> stream : opened.values()) {
            try {
                stream.close();
            } catch (IOException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                }
            }
        }
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

    private static void writeTemp(SecureDirectoryStream<Path> directory, Path temp, OutputFile file, Owner owner) throws IOException {
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        try (SeekableByteChannel channel = directory.newByteChannel(temp, Set.<java.nio.file.OpenOption>of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(ownerOnly))) {
            ByteBuffer buffer = ByteBuffer.wrap(file.content());
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (channel instanceof FileChannel fileChannel) {
                fileChannel.force(true);
            }
        }
        PosixFileAttributeView view = directory.getFileAttributeView(temp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        owner.apply(view);
        // Set explicitly: the mode must not depend on the process umask.
        view.setPermissions(permissions(file.mode()));
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

        void apply(PosixFileAttributeView view) throws IOException {
            if (uid != null) {
                var lookup = java.nio.file.FileSystems.getDefault().getUserPrincipalLookupService();
                view.setOwner(lookup.lookupPrincipalByName(String.valueOf(uid))); // a numeric name is taken as the uid
                view.setGroup(lookup.lookupPrincipalByGroupName(String.valueOf(gid)));
            }
        }

        void apply(Path path) throws IOException {
            if (uid != null) {
                Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }
}
