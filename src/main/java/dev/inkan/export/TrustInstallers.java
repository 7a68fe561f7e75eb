package dev.inkan.export;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the trust-store install scripts of {@code templates/trust/}, one per {@link TrustPlatform},
 * each embedding the CA's PEM and SHA-256 fingerprint, checking one against the other before it
 * installs, and saying which names the CA can sign for. Every script takes {@code install}
 * (the default), {@code uninstall} or {@code status}; the PowerShell one {@code -Uninstall}.
 */
public final class TrustInstallers {

    /** Shown in the scripts' usage lines when the service's own URL is not known (the one-shot). */
    public static final String UNKNOWN_BASE_URL = "http://INKAN-HOST:8080";

    private final TemplateRenderer templates;

    public TrustInstallers(TemplateRenderer templates) {
        this.templates = templates;
    }

    /** The script for {@code platform}; {@code baseUrl} (e.g. {@code http://10.0.0.5:8080}) fills its usage lines, or null. */
    public String render(TrustPlatform platform, RootOfTrust ca, String baseUrl) {
        Map<String, String> values = new HashMap<>(platform.isPowerShell() ? powerShellValues(ca) : shellValues(ca));
        values.put("platform", platform.id());
        values.put("platformTitle", platform.title());
        values.put("fileName", platform.fileName());
        values.put("baseUrl", ScriptLiterals.plainUrl(baseUrl, UNKNOWN_BASE_URL));
        if (!platform.isPowerShell()) {
            values.put("common", templates.render("trust/common.sh", values));
            values.put("systemStores", templates.render("trust/system-stores.sh", values));
            values.put("profile", templates.render("trust/profile.sh", values));
        }
        return templates.render(platform.template(), values);
    }

    /** Every platform's script as an output file ({@code install-ca-*.sh} 0755, {@code install-ca-windows.ps1}). */
    public List<OutputFile> all(RootOfTrust ca, String baseUrl) {
        List<OutputFile> files = new ArrayList<>();
        for (TrustPlatform platform : TrustPlatform.values()) {
            // Windows PowerShell 5.1 reads a .ps1 without a byte order mark as ANSI: a non-ASCII CA name would be garbled.
            String text = platform.isPowerShell() ? "\uFEFF" + render(platform, ca, baseUrl) : render(platform, ca, baseUrl);
            files.add(new OutputFile(platform.fileName(), text.getBytes(StandardCharsets.UTF_8),
                    platform.isPowerShell() ? OutputFile.PUBLIC : OutputFile.EXECUTABLE));
        }
        return files;
    }

    /** A plain-text page listing every platform with its command, for {@code GET /install}. */
    public String index(RootOfTrust ca, String baseUrl) {
        StringBuilder text = new StringBuilder();
        text.append("Trust the Inkan CA \"").append(ScriptLiterals.printable(ca.name())).append("\" on this machine.\n")
                .append("SHA-256 fingerprint: ").append(ca.sha256Colons()).append('\n')
                .append(ca.constraintsDescription()).append("\n\n")
                .append("Each command downloads its script, checks the script's SHA-256 against the value it carries\n")
                .append("and runs it only if they match; the script checks the CA it carries against the fingerprint,\n")
                .append("can be run twice, and undoes itself with 'uninstall' (sh FILE uninstall; PowerShell: -Uninstall).\n\n");
        for (TrustPlatform platform : TrustPlatform.values()) {
            text.append(String.format("%-8s %s%n         %s%n", platform.id(), platform.title(), command(platform, ca, baseUrl)));
        }
        return text.toString();
    }

    /**
     * The one-line command a user runs for {@code platform}, as trust pages and README.txt show it. It
     * pins the script: it downloads {@code /install/{platform}} to a file, compares the file's SHA-256
     * with the hash of the script rendered here for this CA and base URL, and runs it only when they
     * match, so a script (and the CA in it) changed on the way over plain HTTP is refused before
     * anything is trusted.
     */
    public String command(TrustPlatform platform, RootOfTrust ca, String baseUrl) {
        String base = ScriptLiterals.plainUrl(baseUrl, UNKNOWN_BASE_URL);
        String url = base + "/install/" + platform.id();
        String sha256 = sha256(render(platform, ca, base));
        String file = "inkan-" + platform.fileName();
        if (platform.isPowerShell()) {
            return "iwr -UseBasicParsing " + url + " -OutFile " + file + "; if ((Get-FileHash " + file + " -Algorithm SHA256).Hash"
                    + " -eq '" + sha256.toUpperCase(Locale.ROOT) + "') { powershell -ExecutionPolicy Bypass -File .\\" + file
                    + " } else { Write-Error 'inkan: the downloaded script is not the one pinned here; nothing was installed' }";
        }
        String check = platform == TrustPlatform.MACOS ? "shasum -a 256 -c" : "sha256sum -c -";
        String shell = platform.needsRoot() ? "sudo sh" : "sh";
        return "curl -fsSL " + url + " -o " + file + " && echo '" + sha256 + "  " + file + "' | " + check + " && " + shell + " "
                + file + (platform == TrustPlatform.DOCKER ? " install REGISTRY:PORT" : "");
    }

    /** The lower-case hex SHA-256 of a rendered script as served (UTF-8), what the one-liners pin. */
    public static String sha256(String script) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> shellValues(RootOfTrust ca) {
        return Map.of("name", shellQuoted(ca.name()), "label", shellQuoted(ca.label()), "id", ca.id(),
                "sha256", ca.sha256(), "sha256Colons", ca.sha256Colons(), "sha1", ca.sha1(),
                "sha1Upper", ca.sha1().toUpperCase(Locale.ROOT), "constraints", shellQuoted(ca.constraintsDescription()),
                "pem", ca.pem().strip());
    }

    private static Map<String, String> powerShellValues(RootOfTrust ca) {
        return Map.of("name", powerShellQuoted(ca.name()), "label", powerShellQuoted(ca.label()), "id", ca.id(),
                "sha256", ca.sha256(), "sha256Colons", ca.sha256Colons(), "sha1", ca.sha1(),
                "sha1Upper", ca.sha1().toUpperCase(Locale.ROOT), "constraints", powerShellQuoted(ca.constraintsDescription()),
                "pem", ca.pem().strip());
    }

    /** Text for inside POSIX single quotes (and a comment line): no control characters, ' written as '\''. */
    static String shellQuoted(String text) {
        return ScriptLiterals.shellQuotedBody(text);
    }

    /** Text for inside PowerShell single quotes: ' (and its typographic forms) doubled. */
    static String powerShellQuoted(String text) {
        return ScriptLiterals.powerShellQuotedBody(text);
    }
}
