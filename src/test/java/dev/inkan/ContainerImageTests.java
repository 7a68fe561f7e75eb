package dev.inkan;

import static dev.inkan.testing.OneShotRuns.certificate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.testing.Processes;
import dev.inkan.testing.Tools;
import dev.inkan.testing.Verifiers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The Dockerfile, built and run as a user would (TESTING.md's podman recipe): no registry is
 * reachable, so both base images are made locally from a debootstrapped Debian plus this machine's
 * Temurin 25 JDK, and passed as the Dockerfile's build arguments. The rootfs and the base image are
 * cached under target/container; the Inkan image itself is rebuilt every run (it is what is tested).
 * On a bare machine this class takes about four minutes, mostly waiting on downloads (debootstrap, the
 * build stage's empty Maven repository), so it runs beside the other classes (junit-platform.properties);
 * it shares nothing with them but the JVM-wide {@code TrustedCas}, which is thread-safe.
 */
@Execution(ExecutionMode.CONCURRENT)
class ContainerImageTests {

    /** The JDK 25 copied into the local base image (no registry is reachable for eclipse-temurin:25). */
    private static final Path JDK = Path.of(System.getenv().getOrDefault("INKAN_TEST_JDK25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    private static final String DEBIAN = "localhost/inkan-debian:bookworm";
    private static final String BASE = "localhost/inkan-jdk25:test";
    private static final String IMAGE = "localhost/inkan:test";
    private static final int HOST_USER = 1000;

    private static Path work;

    @TempDir
    Path tmp;

    @BeforeAll
    static void buildImage() throws IOException {
        Tools.require("podman");
        Tools.require("runc");
        work = Files.createDirectories(Tools.buildDir().resolve("container"));
        // crun fails here on rlimits and hybrid cgroups; runc with explicit ulimits works (TESTING.md).
        Files.writeString(work.resolve("containers.conf"), """
                [containers]
                default_ulimits = ["nofile=20000:20000", "nproc=1000:1000"]
                [engine]
                runtime = "runc"
                """);
        Path rootfs = work.resolve("rootfs");
        if (!Files.isDirectory(rootfs)) {
            Tools.require("debootstrap");
            String mirror = Files.readAllLines(Path.of("/etc/apt/sources.list.d/debian.sources")).stream()
                    .filter(l -> l.startsWith("URIs:")).map(l -> l.split("\\s+")[1]).findFirst().orElse("http://deb.debian.org/debian");
            Path partial = work.resolve("rootfs.partial");
            Processes.run(List.of("rm", "-rf", partial.toString()));
            run(Duration.ofMinutes(10), "debootstrap", "--variant=minbase", "bookworm", partial.toString(), mirror);
            Files.move(partial, rootfs);
        }
        if (!podman(Duration.ofMinutes(1), "image", "exists", DEBIAN).ok()) {
            run(Duration.ofMinutes(5), "sh", "-c", "tar -C " + rootfs + " -c . | " + String.join(" ", podmanCommand())
                    + " import - " + DEBIAN);
        }
        if (!podman(Duration.ofMinutes(1), "image", "exists", BASE).ok()) {
            assertThat(JDK.resolve("bin/java")).as("a JDK 25 for the local base image: install Temurin 25 at " + JDK
                    + " or point INKAN_TEST_JDK25 at one").isExecutable();
            Path context = Files.createDirectories(work.resolve("base"));
            // The eclipse-temurin images' layout: the JDK in /opt/java/openjdk, on the PATH. A Debian-packaged JDK's
            // lib/security/cacerts is a symlink into the host's /etc/ssl/certs, absent in the image: a dangling link
            // leaves Maven inside the build without trusted roots ("PKIX path building failed", TESTING.md), so the
            // file it points to is mounted and copied in its place.
            Path cacerts = JDK.resolve("lib/security/cacerts").toRealPath();
            Files.writeString(context.resolve("Containerfile"), """
                    FROM %s
                    RUN mkdir -p /opt/java && cp -a /jdk /opt/java/openjdk \\
                     && rm -f /opt/java/openjdk/lib/security/cacerts && cp /cacerts /opt/java/openjdk/lib/security/cacerts
                    ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
                    """.formatted(DEBIAN));
            podmanOk(Duration.ofMinutes(5), "build", "-t", BASE, "-v", JDK + ":/jdk:ro", "-v", cacerts + ":/cacerts:ro",
                    context.toString());
        }
        // The build stage's ./mvnw starts from an empty Maven repository of its own, as on a bare machine: it downloads
        // Maven and every dependency over TLS (a warm ~/.m2 once hid a broken trust store). Kept under target/container,
        // so a second run in the same checkout reuses the downloads.
        Path m2 = Files.createDirectories(work.resolve("m2"));
        podmanOk(Duration.ofMinutes(25), "build", "-t", IMAGE, "--network", "host", "-v", m2 + ":/root/.m2",
                "--build-arg", "BUILD_IMAGE=" + BASE, "--build-arg", "RUNTIME_IMAGE=" + BASE, projectDir().toString());
    }

    @Test
    void theImageWritesOmgwtfsslsFilesOwnedByTheHostUserAndEveryVerifierAcceptsTheCertificate() throws IOException {
        Path certs = hostDirectory("certs");
        // AOTMode=on: the JVM refuses to start unless it can map the AOT cache entrypoint.sh chose, so both one-shot
        // caches (RSA here, elliptic curves below) are proven built and usable, not silently skipped
        var run = podman(Duration.ofMinutes(2), "run", "--rm", "-v", certs + ":/certs", "-e", "SSL_SUBJECT=localhost",
                "-e", "SSL_DNS=localhost,app.test", "-e", "SSL_IP=127.0.0.1", "-e", "JAVA_OPTS=-XX:AOTMode=on", IMAGE);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.stdout()).startsWith("---\nca_key: |\n");
        Map<String, String> files = new TreeMap<>();
        try (var list = Files.list(certs)) {
            for (Path file : list.toList()) {
                files.put(file.getFileName().toString(), PosixFilePermissions.toString(Files.getPosixFilePermissions(file)) + " "
                        + Files.getAttribute(file, "unix:uid") + ":" + Files.getAttribute(file, "unix:gid"));
            }
        }
        String pub = "rw-r--r-- " + HOST_USER + ":" + HOST_USER;
        String secret = "rw------- " + HOST_USER + ":" + HOST_USER;
        assertThat(files).containsAllEntriesOf(Map.of("ca-key.pem", secret, "key.pem", secret, "secret.yaml", secret,
                "ca.pem", pub, "ca.srl", pub, "cert.pem", pub, "key.csr", pub, "openssl.cnf", pub, "fullchain.pem", pub))
                .containsAllEntriesOf(Map.of("cert.p12", secret, "haproxy.pem", secret, "cert.p12.password", secret,
                        "install-ca-linux.sh", "rwxr-xr-x " + HOST_USER + ":" + HOST_USER))
                .hasSize(dev.inkan.testing.OneShotRuns.DEFAULT_ENTRIES);

        X509Certificate leaf = certificate(certs.resolve("cert.pem"));
        X509Certificate root = certificate(certs.resolve("ca.pem"));
        var chain = Verifiers.Chain.write(tmp.resolve("chain"), leaf, List.of(), root);
        for (String host : List.of("localhost", "app.test")) {
            for (var verdict : Verifiers.allForServer(chain, leaf, List.of(), root, host)) {
                assertThat(verdict.accepted()).as(host + " " + verdict.verifier() + ": " + verdict.output()).isTrue();
            }
        }

        var again = podman(Duration.ofMinutes(2), "run", "--rm", "-v", certs + ":/certs", "-e", "SSL_SUBJECT=localhost",
                "-e", "SSL_KEY_TYPE=ecdsa-p256", "-e", "SILENT=yes", "-e", "JAVA_OPTS=-XX:AOTMode=on", IMAGE);
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).isEmpty();
        assertThat(certificate(certs.resolve("ca.pem"))).as("the CA is reused").isEqualTo(root);
        assertThat(certificate(certs.resolve("cert.pem")).getSigAlgName()).isEqualTo("SHA256withRSA"); // signed by the RSA CA
        assertThat(certificate(certs.resolve("cert.pem")).getPublicKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void runAsTheHostUserWithUserTheImageNeedsNoRootAndTheFilesAreTheirs() throws IOException {
        Path certs = hostDirectory("as-user");
        var run = podman(Duration.ofMinutes(2), "run", "--rm", "--user", HOST_USER + ":" + HOST_USER, "-v", certs + ":/certs",
                "-e", "SSL_SUBJECT=localhost", "-e", "SSL_KEY_TYPE=ecdsa-p256", "-e", "SILENT=yes", IMAGE);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).isEmpty();
        assertThat(Files.getAttribute(certs.resolve("key.pem"), "unix:uid")).isEqualTo(HOST_USER);
        var chain = Verifiers.Chain.write(tmp.resolve("chain"), certificate(certs.resolve("cert.pem")), List.of(),
                certificate(certs.resolve("ca.pem")));
        assertThat(Verifiers.openssl(chain, "localhost", "sslserver").accepted()).isTrue();
    }

    @Test
    void badInputInTheContainerExitsOneWithExactlyOneLineOnStderrAndWritesNothing() throws IOException {
        Path certs = hostDirectory("bad");
        var run = podman(Duration.ofMinutes(2), "run", "--rm", "-v", certs + ":/certs", "-e", "SILENT=maybe", IMAGE);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).startsWith("SILENT: 'maybe' is neither yes nor no").hasLineCount(1);
        try (var list = Files.list(certs)) {
            assertThat(list.toList()).isEmpty();
        }
    }

    @Test
    void theUnprivilegedInkanUserRunsTheJvmAndOwnsData() {
        var id = podman(Duration.ofMinutes(2), "run", "--rm", "--user", "inkan", "--entrypoint", "sh", IMAGE, "-c",
                "id -un && stat -c %U /data && java -XX:AOTCache=/app/oneshot.aot -cp \"$(cat /app/oneshot.classpath)\" dev.inkan.Inkan"
                        + " oneshot --out /data/x"
                        + " && ls /data/x | wc -l");
        assertThat(id.exitCode()).as(id.output()).isZero();
        assertThat(id.stdout()).startsWith("inkan\ninkan\n").contains("---\nca_key: |")
                .endsWith(dev.inkan.testing.OneShotRuns.DEFAULT_ENTRIES + "\n");
    }

    @Test
    void serveDropsRootToTheInkanUserKeepsItsDataInDataAndAnswersHealthAndCaPemThenHttps() throws Exception {
        int port;
        int httpsPort;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             var second = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
            httpsPort = second.getLocalPort();
        }
        String name = "inkan-serve-test-" + port;
        // Host networking keeps the test free of port-forwarding plumbing; the bind address is narrowed
        // to loopback for the test (the image's own default, 0.0.0.0, is for a published container port).
        var started = podman(Duration.ofMinutes(1), "run", "-d", "--name", name, "--network", "host",
                "-e", "INKAN_BIND_ADDRESS=127.0.0.1", "-e", "INKAN_PORT=" + port, "-e", "INKAN_HTTPS_PORT=" + httpsPort, IMAGE, "serve");
        assertThat(started.exitCode()).as(started.output()).isZero();
        try {
            var client = java.net.http.HttpClient.newHttpClient();
            var healthCheck = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/actuator/health")).build();
            String health = org.awaitility.Awaitility.await("the container's health").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> client.send(healthCheck, java.net.http.HttpResponse.BodyHandlers.ofString()).body(), body -> body.contains("UP"));
            assertThat(health).as(podman(Duration.ofMinutes(1), "logs", name).output()).contains("UP");
            String caPem = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/ca.pem"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            X509Certificate ca = dev.inkan.engine.Pem.readCertificates("ca.pem", caPem).get(0);
            assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
            // The UI and API answer over HTTPS with a certificate for 127.0.0.1 from that CA.
            dev.inkan.testing.TrustedCas.add(caPem);
            assertThat(new dev.inkan.testing.ApiClient(httpsPort, null).get("/actuator/health").text()).contains("UP");
            assertThat(dev.inkan.testing.ApiClient.plain(port, null).get("/api/v1/cas").status()).isEqualTo(308);

            var inside = podman(Duration.ofMinutes(1), "exec", name, "sh", "-c",
                    "grep '^Uid:' /proc/1/status; stat -c '%U %a' /data/admin-token; ls /data");
            assertThat(inside.exitCode()).as(inside.output()).isZero();
            assertThat(inside.stdout()).startsWith("Uid:\t10001\t10001").contains("inkan 600").contains("inkan.mv.db");
        } finally {
            podman(Duration.ofMinutes(1), "rm", "-f", name);
        }
    }

    private Path hostDirectory(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setAttribute(dir, "unix:uid", HOST_USER);
        Files.setAttribute(dir, "unix:gid", HOST_USER);
        return dir;
    }

    private static Path projectDir() {
        Path dir = Path.of("").toAbsolutePath();
        assertThat(dir.resolve("Dockerfile")).as("tests run from the project directory").exists();
        return dir;
    }

    private static List<String> podmanCommand() {
        return List.of("podman", "--root", work.resolve("storage").toString(), "--runroot", work.resolve("run").toString());
    }

    private static Processes.Result podman(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(podmanCommand());
        command.addAll(List.of(args));
        return Processes.run(command, null, Map.of("CONTAINERS_CONF", work.resolve("containers.conf").toString()), timeout);
    }

    private static void podmanOk(Duration timeout, String... args) {
        var result = podman(timeout, args);
        assertThat(result.exitCode()).as(String.join(" ", args) + ":\n" + tail(result.output())).isZero();
    }

    private static void run(Duration timeout, String... command) {
        var result = Processes.run(List.of(command), null, Map.of("CONTAINERS_CONF", work.resolve("containers.conf").toString()),
                timeout);
        assertThat(result.exitCode()).as(String.join(" ", command) + ":\n" + tail(result.output())).isZero();
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }
}
