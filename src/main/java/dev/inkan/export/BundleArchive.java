package dev.inkan.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Output files as one zip that keeps each file's POSIX mode, so that {@code unzip} leaves
 * {@code key.pem} at 0600 (commons-compress writes "version made by" UNIX and the mode in the high
 * 16 bits of the external attributes, APPNOTE.TXT §4.4.2 and §4.4.15, as Info-ZIP reads them).
 * OutputDirectory writes the same files into a directory.
 */
public final class BundleArchive {

    private BundleArchive() {}

    /** The files as a zip whose entries carry their POSIX modes. */
    public static byte[] zip(List<OutputFile> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FileTime now = FileTime.from(Instant.now());
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (OutputFile file : files) {
                ZipArchiveEntry entry = new ZipArchiveEntry(file.name());
                entry.setUnixMode(UnixStat.FILE_FLAG | file.mode());
                entry.setLastModifiedTime(now);
                zip.putArchiveEntry(entry);
                zip.write(file.content());
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build a zip in memory", e);
        }
        return bytes.toByteArray();
    }
}
