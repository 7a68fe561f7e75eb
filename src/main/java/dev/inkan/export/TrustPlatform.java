package dev.inkan.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The trust stores Inkan writes an install script for, each with a stable id (the {@code /install/{id}}
 * URL and the {@code install-ca-{id}} file name). One template per platform, as mkcert keeps one
 * {@code truststore_*.go} per store.
 */
public enum TrustPlatform {

    LINUX("Linux (detects Debian/Ubuntu, Fedora/RHEL, Arch, Alpine)", true),
    DEBIAN("Debian and Ubuntu system store (update-ca-certificates)", true),
    FEDORA("Fedora, RHEL, CentOS, Rocky, Alma system store (update-ca-trust)", true),
    ARCH("Arch Linux system store (trust anchor)", true),
    ALPINE("Alpine Linux system store (update-ca-certificates)", true),
    NSS("Firefox and Chromium on Linux: every NSS database of your user (certutil)", false),
    MACOS("macOS System keychain (security add-trusted-cert)", true),
    WINDOWS("Windows Trusted Root store (Import-Certificate or certutil)", false),
    JAVA("Java's cacerts (keytool -importcert)", true),
    NODE("Node.js (NODE_EXTRA_CA_CERTS)", false),
    PYTHON("Python requests and ssl (REQUESTS_CA_BUNDLE, SSL_CERT_FILE)", false),
    CURL("curl (CURL_CA_BUNDLE)", false),
    DOCKER("Docker and Podman registry certificates (certs.d)", true);

    private final String title;
    private final boolean needsRoot;

    TrustPlatform(String title, boolean needsRoot) {
        this.title = title;
        this.needsRoot = needsRoot;
    }

    /** The constant's name in lower case: {@code linux}, {@code macos}... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String title() {
        return title;
    }

    /** Whether the script changes a system-wide store (run with sudo / as Administrator for LocalMachine). */
    public boolean needsRoot() {
        return needsRoot;
    }

    public boolean isPowerShell() {
        return this == WINDOWS;
    }

    /** The template under {@code templates/}. */
    public String template() {
        return "trust/" + id() + (isPowerShell() ? ".ps1" : ".sh");
    }

    /** {@code install-ca-linux.sh}, {@code install-ca-windows.ps1}: the name in a bundle and next to the one-shot's files. */
    public String fileName() {
        return "install-ca-" + id() + (isPowerShell() ? ".ps1" : ".sh");
    }

    /** The media type to serve it with. */
    public String mediaType() {
        return isPowerShell() ? "text/plain; charset=utf-8" : "text/x-shellscript; charset=utf-8";
    }

    public static Optional<TrustPlatform> byId(String id) {
        String wanted = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.id().equals(wanted)).findFirst();
    }

    /** "linux, debian, ..." for error messages. */
    public static String ids() {
        return Arrays.stream(values()).map(TrustPlatform::id).collect(Collectors.joining(", "));
    }
}
