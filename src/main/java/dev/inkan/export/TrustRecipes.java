package dev.inkan.export;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * The copy-paste recipes that add a CA to each trust store, as the "Trust this CA" page shows them
 * (the install scripts of {@link TrustPlatform} do the same unattended). Each store has
 * its own recipe: the OS stores, Firefox's own NSS database (Firefox does not read the Linux
 * system store), Chromium's {@code $HOME/.pki/nssdb} on Linux, and runtimes that bring their own
 * bundle (Java's cacerts, Node's built-in roots, Python requests' certifi).
 *
 * @param caFile  the file name the commands use for the CA certificate, e.g. {@code inkan-dev-root-ca.crt}
 * @param caUrl   an absolute URL the CA certificate can be fetched from without logging in, or null
 * @param baseUrl the service's plain-HTTP address, {@code http://HOST:PORT}
 */
public record TrustRecipes(String caFile, String caUrl, String baseUrl, String nickname) {

    /** One trust store: where it is used, and the commands that add the CA to it. */
    public record Platform(String id, String name, String note, String commands) {
    }

    /**
     * The commands for a CA named {@code caName}. The name is the CA's own (an imported certificate's CN
     * can say anything): it goes into every command as one quoted word ({@link ScriptLiterals}), the
     * file name is a slug of it, and the URLs are used only when they are plain.
     */
    public static TrustRecipes of(String caName, String caUrl, String baseUrl) {
        String slug = caName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        String base = ScriptLiterals.plainUrl(baseUrl, TrustInstallers.UNKNOWN_BASE_URL);
        return new TrustRecipes((slug.isEmpty() ? "inkan-ca" : slug) + ".crt", caUrl == null ? null : base + "/ca.pem",
                base, ScriptLiterals.printable(caName));
    }

    /** The command that fetches the certificate into {@link #caFile()}, when it has a public URL. */
    public String fetch() {
        return caUrl == null ? null : "curl -fsSL " + ScriptLiterals.shell(caUrl) + " -o " + ScriptLiterals.shell(caFile);
    }

    /** The install scripts the page offers as one-liners, with what the user should know before running each. */
    private static final Map<TrustPlatform, String> ONE_LINER_NOTES = new EnumMap<>(Map.of(
            TrustPlatform.LINUX, "Run as a user with sudo.",
            TrustPlatform.NSS, "Run as yourself, not root; needs certutil.",
            TrustPlatform.MACOS, "Asks for your password.",
            TrustPlatform.WINDOWS, "In PowerShell as Administrator.",
            TrustPlatform.JAVA, "Uses the java on your PATH (or JAVA_HOME)."));

    /**
     * The one-liners that run the scripts served at {@code GET /install/{platform}} for the default CA
     * ({@code ca}); each downloads its script and runs it only if its SHA-256 is the one pinned in the
     * command ({@link TrustInstallers#command}, the same text the bundle's README.txt shows).
     */
    public static List<Platform> oneLiners(TrustInstallers installers, RootOfTrust ca, String baseUrl) {
        return ONE_LINER_NOTES.entrySet().stream()
                .map(e -> new Platform("install-" + e.getKey().id(), e.getKey().title(), e.getValue(),
                        installers.command(e.getKey(), ca, baseUrl)))
                .toList();
    }

    public List<Platform> platforms() {
        String f = ScriptLiterals.shell(caFile);
        String n = ScriptLiterals.shell(nickname);
        String windowsFile = ScriptLiterals.powerShell(".\\" + caFile);
        return List.of(
                new Platform("macos", "macOS", "Safari, Chrome and curl use the System keychain; Firefox needs its own step.",
                        "sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain " + f),
                new Platform("windows", "Windows", "PowerShell as Administrator. Edge and Chrome use this store; so does Firefox 120+ by default.",
                        "Import-Certificate -FilePath " + windowsFile + " -CertStoreLocation Cert:\\LocalMachine\\Root"),
                new Platform("debian", "Debian / Ubuntu", "The file must end in .crt; update-ca-certificates ignores other names.",
                        "sudo cp " + f + " /usr/local/share/ca-certificates/" + f + "\nsudo update-ca-certificates"),
                new Platform("fedora", "Fedora / RHEL / CentOS", null,
                        "sudo cp " + f + " /etc/pki/ca-trust/source/anchors/" + f + "\nsudo update-ca-trust"),
                new Platform("arch", "Arch Linux", null,
                        "sudo trust anchor --store " + f),
                new Platform("alpine", "Alpine", "Also the recipe inside Alpine-based containers.",
                        "apk add --no-cache ca-certificates\ncp " + f + " /usr/local/share/ca-certificates/" + f + "\nupdate-ca-certificates"),
                new Platform("firefox", "Firefox (Linux)", "Firefox keeps its own store per profile. Close Firefox first; needs certutil (libnss3-tools). "
                        + "On macOS and Windows, Firefox can instead read the OS store: set security.enterprise_roots.enabled to true in about:config.",
                        "for profile in ~/.mozilla/firefox/*/ ~/snap/firefox/common/.mozilla/firefox/*/; do\n"
                                + "  [ -f \"$profile/cert9.db\" ] && certutil -A -d sql:\"$profile\" -t C,, -n " + n + " -i " + f + "\n"
                                + "done"),
                new Platform("chromium", "Chrome / Chromium (Linux)", "Chromium on Linux reads $HOME/.pki/nssdb, not the system store. Needs certutil (libnss3-tools); restart the browser.",
                        "mkdir -p $HOME/.pki/nssdb\n"
                                + "[ -f $HOME/.pki/nssdb/cert9.db ] || certutil -N -d sql:$HOME/.pki/nssdb --empty-password\n"
                                + "certutil -A -d sql:$HOME/.pki/nssdb -t C,, -n " + n + " -i " + f),
                new Platform("java", "Java", "Java uses its own cacerts, not the OS store. The first command changes the JDK's store "
                        + "(default password changeit); the second makes a trust store for one application.",
                        "sudo keytool -importcert -noprompt -cacerts -storepass changeit -alias " + n + " -file " + f + "\n"
                                + "keytool -importcert -noprompt -keystore truststore.p12 -storetype PKCS12 -storepass changeit -alias " + n + " -file " + f + "\n"
                                + "java -Djavax.net.ssl.trustStore=truststore.p12 -Djavax.net.ssl.trustStorePassword=changeit -jar app.jar"),
                new Platform("node", "Node.js", "Node ships its own roots; NODE_EXTRA_CA_CERTS adds to them (read once at start-up).",
                        "export NODE_EXTRA_CA_CERTS=\"$PWD\"/" + f + "\nnode app.js"),
                new Platform("python", "Python", "requests uses certifi's bundle, not the OS store. After installing into the OS store (above), "
                        + "point requests at the OS bundle; the ssl module and httpx honour SSL_CERT_FILE.",
                        "export REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt   # Debian/Ubuntu/Alpine; Fedora: /etc/pki/tls/certs/ca-bundle.crt\n"
                                + "export SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"),
                new Platform("curl", "curl", "curl uses the OS store once the CA is installed there; for a one-off, name the file.",
                        "curl --cacert " + f + " https://myhost.example.test/"),
                new Platform("docker", "Docker", "First: make an image trust the CA (Debian/Ubuntu base). Second: let the Docker engine pull from a registry "
                        + "with an Inkan certificate (replace registry.example.test:5000).",
                        "# Dockerfile\nCOPY " + f + " /usr/local/share/ca-certificates/" + f + "\n"
                                + "RUN update-ca-certificates\n\n"
                                + "# the Docker engine, for a private registry\n"
                                + "sudo mkdir -p /etc/docker/certs.d/registry.example.test:5000\n"
                                + "sudo cp " + f + " /etc/docker/certs.d/registry.example.test:5000/ca.crt"));
    }
}
