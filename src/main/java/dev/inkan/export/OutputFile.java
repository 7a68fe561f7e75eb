package dev.inkan.export;

import dev.inkan.engine.RequestRejectedException;
import dev.inkan.engine.InvalidInputException;
import java.nio.charset.StandardCharsets;

/**
 * One file of an output set: a name relative to the output directory, its bytes and its POSIX
 * mode. One-shot runs and downloadable bundles are lists of these, built in memory and then
 * written together by {@link OutputDirectory} (or zipped), so a failure leaves nothing half-done.
 *
 * @param name    a relative name such as {@code cert.pem} or {@code nginx/ssl.conf}: segments
 *                separated by '/', none empty, '.' or '..', no leading '/', no backslash or control character
 * @param content the bytes, not copied (treat as read-only)
 * @param mode    the POSIX permission bits, e.g. {@link #PRIVATE} for keys
 */
public record OutputFile(String name, byte[] content, int mode) {

    /** 0600: private keys and anything holding them (Secrets, PKCS#12). */
    public static final int PRIVATE = 0600;
    /** 0644: certificates, CSRs, configuration. */
    public static final int PUBLIC = 0644;
    /** 0755: install scripts. */
    public static final int EXECUTABLE = 0755;

    public OutputFile {
        requireRelativeName(name);
        if (content == null) {
            throw new IllegalArgumentException("no content for " + name);
        }
        if ((mode & ~0777) != 0) {
            throw new IllegalArgumentException("mode " + Integer.toOctalString(mode) + " of " + name + " is not 0000 to 0777");
        }
    }

    /** A 0600 text file (UTF-8). */
    public static OutputFile privateText(String name, String text) {
        return new OutputFile(name, text.getBytes(StandardCharsets.UTF_8), PRIVATE);
    }

    /** A 0644 text file (UTF-8). */
    public static OutputFile publicText(String name, String text) {
        return new OutputFile(name, text.getBytes(StandardCharsets.UTF_8), PUBLIC);
    }

    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    /**
     * Checks a file name that a user chose (an environment variable such as {@code SSL_KEY}): a
     * plain name in the output directory, never a path, so {@code ../../etc/x} or {@code /etc/x}
     * cannot write outside it.
     */
    public static String requirePlainName(String field, String value) {
        if (value == null || value.isEmpty() || value.equals(".") || value.equals("..") || value.indexOf('/') >= 0
                || value.indexOf('\\') >= 0 || value.chars().anyMatch(Character::isISOControl)
                || value.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new InvalidInputException(field, "'" + RequestRejectedException.abbreviate(value) + "' is not a plain file name;"
                    + " give a name without '/' such as " + field.toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                    + ".pem (files are written only inside the output directory)");
        }
        return value;
    }

    private static void requireRelativeName(String name) {
        if (name == null || name.isEmpty() || name.startsWith("/")) {
            throw new IllegalArgumentException("not a relative file name: " + name);
        }
        for (String segment : name.split("/", -1)) {
            requirePlainName("name", segment);
        }
    }


}
