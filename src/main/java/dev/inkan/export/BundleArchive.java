package dev.inkan.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Output files as a zip (JDK {@code java.util.zip}) or written into a directory, keeping each
 * file's POSIX mode: {@code unzip} and the one-shot both leave {@code key.pem} at 0600.
 */
public final class BundleArchive {

    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;
    /** "Version made by" = UNIX (3, APPNOTE.TXT §4.4.2) so that unzip honours the external attributes, spec 2.0. */
    private static final short MADE_BY_UNIX = (short) ((3 << 8) | 20);
    private static final int REGULAR_FILE = 0100000;

    private BundleArchive() {}

    /** The files as a zip whose entries carry their POSIX modes (APPNOTE.TXT §4.4.15, high 16 bits of the external attributes). */
    public static byte[] zip(List<OutputFile> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (OutputFile file : files) {
                ZipEntry entry = new ZipEntry(file.name());
                entry.setTime(System.currentTimeMillis());
                zip.putNextEntry(entry);
                zip.write(file.content());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build a zip in memory", e);
        }
        byte[] archive = bytes.toByteArray();
        setModes(archive, files);
        return archive;
    }

    /**
     * Writes the files under {@code directory} with their modes; a private file is created 0600
     * before its bytes are written, so it is never readable by others, even for a moment.
     * Existing files are replaced.
     */
    public static void write(Path directory, List<OutputFile> files) {
        try {
            for (OutputFile file : files) {
                Path target = directory.resolve(file.name()).normalize();
                if (!target.startsWith(directory.normalize())) {
                    throw new IllegalArgumentException("refusing to write outside " + directory + ": " + file.name());
                }
                Files.createDirectories(target.getParent());
                Path temporary = target.resolveSibling("." + target.getFileName() + ".inkan-tmp");
                Files.deleteIfExists(temporary);
                if (supportsPosix(directory)) {
                    Files.createFile(temporary, PosixFilePermissions.asFileAttribute(file.permissions()));
                    Files.write(temporary, file.content());
                    Files.setPosixFilePermissions(temporary, file.permissions()); // not narrowed by the umask
                } else {
                    Files.write(temporary, file.content());
                }
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (FileAlreadyExistsException e) {
            throw new UncheckedIOException("a file is in the way: " + e.getFile(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into " + directory + ": " + e.getMessage()
                    + "; check that the directory exists and is writable", e);
        }
    }

    private static boolean supportsPosix(Path directory) {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Rewrites "version made by" and "external attributes" of each central directory header, in entry order. */
    private static void setModes(byte[] archive, List<OutputFile> files) {
        ByteBuffer buffer = ByteBuffer.wrap(archive).order(ByteOrder.LITTLE_ENDIAN);
        int end = archive.length - 22;
        while (end >= 0 && buffer.getInt(end) != END_OF_CENTRAL_DIRECTORY) {
            end--;
        }
        if (end < 0) {
            throw new IllegalStateException("the zip has no end of central directory record");
        }
        int entries = Short.toUnsignedInt(buffer.getShort(end + 10));
        int position = buffer.getInt(end + 16);
        if (entries != files.size()) {
            throw new IllegalStateException("the zip has " + entries + " entries for " + files.size() + " files");
        }
        for (OutputFile file : files) {
            if (buffer.getInt(position) != CENTRAL_HEADER) {
                throw new IllegalStateException("unexpected zip layout at offset " + position);
            }
            buffer.putShort(position + 4, MADE_BY_UNIX);
            buffer.putInt(position + 38, (REGULAR_FILE | file.mode()) << 16);
            int nameLength = Short.toUnsignedInt(buffer.getShort(position + 28));
            int extraLength = Short.toUnsignedInt(buffer.getShort(position + 30));
            int commentLength = Short.toUnsignedInt(buffer.getShort(position + 32));
            position += 46 + nameLength + extraLength + commentLength;
        }
    }
}
