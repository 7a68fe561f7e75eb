package dev.inkan.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The external programs tests use. A missing one fails the test with the Debian package to
 * install (.ci/run installs them all): a test that needs nginx never silently skips.
 */
public final class Tools {

    private static final Map<String, String> PACKAGES = Map.ofEntries(
            Map.entry("openssl", "openssl"), Map.entry("certtool", "gnutls-bin"), Map.entry("certutil", "libnss3-tools"),
            Map.entry("vfychain", "libnss3-tools"), Map.entry("go", "golang-go"), Map.entry("nginx", "nginx"),
            Map.entry("chromium", "chromium"), Map.entry("chromedriver", "chromium-driver"), Map.entry("podman", "podman"),
            Map.entry("debootstrap", "debootstrap"), Map.entry("shellcheck", "shellcheck"), Map.entry("curl", "curl"),
            Map.entry("python3", "python3"), Map.entry("node", "nodejs"), Map.entry("unzip", "unzip"),
            Map.entry("keytool", "openjdk-17-jdk-headless"), Map.entry("runuser", "util-linux"));

    private Tools() {}

    /** The absolute path of {@code program}, or an assertion failure naming the package to install. */
    public static Path require(String program) {
        if (program.contains("/")) {
            Path path = Path.of(program);
            if (Files.isExecutable(path)) {
                return path;
            }
        } else {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
                Path path = Path.of(dir, program);
                if (Files.isExecutable(path)) {
                    return path;
                }
            }
            for (String dir : new String[] {"/usr/sbin", "/sbin", "/usr/lib/go/bin"}) {
                Path path = Path.of(dir, program);
                if (Files.isExecutable(path)) {
                    return path;
                }
            }
        }
        throw new AssertionError(program + " is not installed; install the Debian package '"
                + PACKAGES.getOrDefault(program, program) + "' (.ci/run does)");
    }

    /** A TCP port free on 127.0.0.1 a moment ago (a server started on it may still race another; retry then). */
    public static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static final Map<String, Path> SHARED_DIRECTORIES = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A directory under {@link #buildDir()} named {@code prefix} plus a random part, made on the first call
     * and the same one on every later call with that prefix: the data directory a test context shares.
     */
    public static Path sharedDirectory(String prefix) {
        return SHARED_DIRECTORIES.computeIfAbsent(prefix, p -> {
            try {
                Files.createDirectories(buildDir());
                return Files.createTempDirectory(buildDir(), p);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    private static final Map<String, Path> GO_PROGRAMS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The Go program in test resource {@code source}, built once per JVM as {@code <build>/<name>/<name>}.
     * {@code goMod} is written beside it when not null (module mode); {@code env} adds to the build's own
     * GOCACHE and HOME (e.g. GOPATH mode for Debian's golang-golang-x-crypto-dev, or GOPROXY=off).
     */
    public static Path goProgram(String source, String name, String goMod, Map<String, String> env) {
        return GO_PROGRAMS.computeIfAbsent(name, n -> {
            try {
                Path dir = Files.createDirectories(buildDir().resolve(n));
                try (var in = Tools.class.getResourceAsStream(source)) {
                    Files.write(dir.resolve("main.go"), in.readAllBytes());
                }
                if (goMod != null) {
                    Files.writeString(dir.resolve("go.mod"), goMod);
                }
                Path binary = dir.resolve(n);
                Map<String, String> buildEnv = new java.util.HashMap<>(env);
                buildEnv.put("GOCACHE", dir.resolve("cache").toString());
                buildEnv.put("HOME", dir.toString());
                var build = Processes.run(java.util.List.of("go", "build", "-o", binary.toString(), "."), dir, buildEnv,
                        java.time.Duration.ofMinutes(3));
                if (!build.ok()) {
                    throw new AssertionError("go build of " + source + ": " + build.output());
                }
                return binary;
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    /** Where this build writes (target/ or -Dinkan.build.dir). */
    public static Path buildDir() {
        String dir = System.getenv("INKAN_BUILD_DIR");
        return Path.of(dir != null ? dir : "target").toAbsolutePath();
    }
}
