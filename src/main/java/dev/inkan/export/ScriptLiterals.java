package dev.inkan.export;

import java.util.regex.Pattern;

/**
 * How a user-named value (a CA's name, a file name, the service's address) is written into a
 * command or script so that it stays one inert word: POSIX shell single quotes (XCU §2.2.2: nothing
 * is special inside them, and {@code '} is written {@code '\''}), PowerShell single-quoted strings
 * (about_Quoting_Rules: only a quote is special, doubled, including the typographic quotes
 * PowerShell also accepts), and control characters dropped so a name cannot start a new line.
 */
public final class ScriptLiterals {

    /** Words the shell reads as themselves and that are left bare for readability. */
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9@%+=:,./_-]+");
    /** A URL with nothing a shell, PowerShell or YAML could read as syntax: scheme, host[:port], optional path. */
    private static final Pattern PLAIN_URL = Pattern.compile(
            "https?://(?:[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+])(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~/-]*)?");

    private ScriptLiterals() {}

    /** One POSIX shell word: bare when it holds only safe characters, else single-quoted. */
    public static String shell(String value) {
        String text = printable(value);
        return SHELL_SAFE.matcher(text).matches() ? text : "'" + shellQuotedBody(text) + "'";
    }

    /** The inside of a POSIX single-quoted string: every {@code '} written as {@code '\''}. */
    public static String shellQuotedBody(String value) {
        return printable(value).replace("'", "'\\''");
    }

    /** A PowerShell single-quoted string literal. */
    public static String powerShell(String value) {
        return "'" + powerShellQuotedBody(value) + "'";
    }

    /** The inside of a PowerShell single-quoted string: {@code '} and its typographic forms doubled. */
    public static String powerShellQuotedBody(String value) {
        return printable(value).replaceAll("(['\u2018\u2019\u201a\u201b])", "$1$1");
    }

    /** Text for a line of prose or a comment: control characters (newlines) dropped. */
    public static String printable(String value) {
        return value == null ? "" : value.codePoints().filter(c -> !Character.isISOControl(c)
                        && Character.getType(c) != Character.LINE_SEPARATOR && Character.getType(c) != Character.PARAGRAPH_SEPARATOR)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /**
     * {@code baseUrl} when it is a plain {@code http(s)://host[:port][/path]} (what Tomcat built
     * from the request's Host header), else {@code fallback}: a forged Host header cannot put
     * syntax into the one-liners and scripts that embed the service's address.
     */
    public static String plainUrl(String baseUrl, String fallback) {
        if (baseUrl == null) {
            return fallback;
        }
        String url = baseUrl.strip().replaceAll("/+$", "");
        return PLAIN_URL.matcher(url).matches() ? url : fallback;
    }
}
