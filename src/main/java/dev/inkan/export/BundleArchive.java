package dev.inkan.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Output files as one zip (JDK {@code java.util.zip}) that keeps each file's POSIX mode, so that
 * {@code unzip} leaves {@code key.pem} at 0600. (OutputDirectory writes the same files into a directory.)
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
