package dev.inkan.export;

import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * One file Inkan hands out: a relative name ({@code key.pem}, {@code nginx/ssl.conf}), its bytes
 * and its POSIX mode. Private keys and anything holding one are {@link #PRIVATE} (0600).
 */
public record OutputFile(String name, byte[] content, int mode) {

    /** rw-r--r--: certificates, configuration, documentation. */
    public static final int PUBLIC = 0644;
    /** rw-------: private keys and files that contain one. */
    public static final int PRIVATE = 0600;
    /** rwxr-xr-x: helper scripts. */
    public static final int EXECUTABLE = 0755;

    public OutputFile {
        if (name == null || name.isBlank() || name.startsWith("/") || name.contains("\\")
                || java.util.Arrays.asList(name.split("/")).contains("..")) {
            throw new IllegalArgumentException("an output file needs a relative name without '..': " + name);
        }
        if (mode < 0 || mode > 0777) {
            throw new IllegalArgumentException("not a POSIX mode: " + Integer.toOctalString(mode));
        }
        content = content.clone();
    }

    public static OutputFile text(String name, String text, int mode) {
        return new OutputFile(name, text.getBytes(StandardCharsets.UTF_8), mode);
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** The mode as a permission set, for {@code Files.setPosixFilePermissions}. */
    public Set<PosixFilePermission> permissions() {
        Set<PosixFilePermission> result = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE};
        for (int i = 0; i < order.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                result.add(order[i]);
            }
        }
        return result;
    }
}
