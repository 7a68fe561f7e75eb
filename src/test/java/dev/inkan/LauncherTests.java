package dev.inkan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.inkan.engine.Pem;
import dev.inkan.testing.Processes;
import dev.inkan.testing.Tools;
import dev.inkan.testing.Verifiers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's commands as a user types them: {@code ./inkan} (the launcher beside pom.xml) on the jar that
 * {@code ./mvnw package} built. Run by Failsafe after the package phase, since it needs target/inkan.jar.
 */
class LauncherTests {

    private static final Path LAUNCHER = Path.of("inkan").toAbsolutePath();
    private static final Duration LIMIT = Duration.ofMinutes(10);

    @TempDir
    Path tmp;

    private Map<String, String> environment(Map<String, String> variables) {
        Map<String, String> env = new HashMap<>(variables);
        env.put("INKAN_JAR", Tools.buildDir().resolve("inkan.jar").toString());
        env.put("INKAN_LAUNCH_DIR", tmp.resolve("launch").toString());
        return env;
    }

    @Test
    void oneshotThroughTheLauncherWritesAChainThatOpensslVerifiesStrictlyAndKeepsItsClassArchive() throws Exception {
        Path certs = tmp.resolve("certs");
        Processes.Result run = Processes.run(List.of(LAUNCHER.toString(), "oneshot", "--out", certs.toString()), tmp,
                environment(Map.of("SSL_SUBJECT", "localhost", "SSL_DNS", "www.localhost", "SSL_KEY_TYPE", "rsa",
                        "JAVA_OPTS", "-XX:+PrintCommandLineFlags")), LIMIT);

        assertThat(run.exitCode()).as(run.output()).isZero();
        // RSA: C2 (its BigInteger intrinsics) but no on-stack replacement, the serial collector
        assertThat(run.stdout()).contains("-XX:-UseOnStackReplacement", "-XX:+UseSerialGC").doesNotContain("TieredStopAtLevel");
        Files.writeString(tmp.resolve("none.pem"), "");
        var verdict = Verifiers.openssl(new Verifiers.Chain(certs.resolve("cert.pem"), tmp.resolve("none.pem"),
                certs.resolve("ca.pem")), "www.localhost", "sslserver");
        assertThat(verdict.accepted()).as(verdict.output()).isTrue();
        // the CA key and the server key are generated in parallel: two different keys
        X509Certificate ca = Pem.readCertificates("ca", Files.readString(certs.resolve("ca.pem"))).get(0);
        X509Certificate leaf = Pem.readCertificates("cert", Files.readString(certs.resolve("cert.pem"))).get(0);
        assertThat(leaf.getPublicKey().getEncoded()).isNotEqualTo(ca.getPublicKey().getEncoded());
        assertThat(archives("oneshot.archive")).as("the one-shot's class archive, trained on first use").hasSize(1);
    }

    /**
     * The launcher starts the one-shot on a class path of its own (the application and the libraries it uses, not the
     * service's ~115): every path of the one-shot must find its classes there. Elliptic-curve keys have their own
     * class archive; a second run reuses the CA it finds (reading PEM); a refusal is still one line and exit code 1.
     */
    @Test
    void theOneShotRunsOnItsShortClassPathForEveryKeyFamilyAReusedCaAndARefusal() throws Exception {
        Path certs = tmp.resolve("certs");
        Map<String, String> ecdsa = Map.of("SSL_SUBJECT", "localhost", "SSL_DNS", "www.localhost", "SSL_KEY_TYPE", "ecdsa-p384",
                "JAVA_OPTS", "-XshowSettings:properties -XX:+PrintCommandLineFlags");
        Processes.Result first = Processes.run(List.of(LAUNCHER.toString(), "oneshot", "--out", certs.toString()), tmp,
                environment(ecdsa), LIMIT);
        assertThat(first.exitCode()).as(first.output()).isZero();
        // elliptic curves: C1 only, so the RSA-only setting is not there
        assertThat(first.stdout()).contains("-XX:TieredStopAtLevel=1").doesNotContain("UseOnStackReplacement");
        String classPath = first.stderr().substring(first.stderr().indexOf("java.class.path = "),
                first.stderr().indexOf("java.class.version"));
        assertThat(classPath).contains("oneshot.jar", "bcprov-").doesNotContain("spring-", "tomcat-", "h2-");
        assertThat(archives("oneshot-ec.archive")).as("the elliptic-curve one-shot's own class archive").hasSize(1);
        String caCert = Files.readString(certs.resolve("ca.pem"));

        Processes.Result reused = Processes.run(List.of(LAUNCHER.toString(), "oneshot", "--out", certs.toString()), tmp,
                environment(ecdsa), LIMIT);
        assertThat(reused.exitCode()).as(reused.output()).isZero();
        assertThat(Files.readString(certs.resolve("ca.pem"))).as("the CA found in the directory is reused").isEqualTo(caCert);
        Files.writeString(tmp.resolve("none.pem"), "");
        var verdict = Verifiers.openssl(new Verifiers.Chain(certs.resolve("cert.pem"), tmp.resolve("none.pem"),
                certs.resolve("ca.pem")), "www.localhost", "sslserver");
        assertThat(verdict.accepted()).as(verdict.output()).isTrue();

        Path client = tmp.resolve("client");
        Processes.Result ed25519 = Processes.run(List.of(LAUNCHER.toString(), "oneshot", "--out", client.toString()), tmp,
                environment(Map.of("SSL_SUBJECT", "Jane Doe", "SSL_KEY_TYPE", "ed25519", "SSL_PROFILE", "client")), LIMIT);
        assertThat(ed25519.exitCode()).as(ed25519.output()).isZero();
        assertThat(Pem.readCertificates("cert", Files.readString(client.resolve("cert.pem"))).get(0).getPublicKey().getAlgorithm())
                .isIn("Ed25519", "EdDSA");

        Processes.Result refused = Processes.run(List.of(LAUNCHER.toString(), "oneshot", "--out", tmp.resolve("refused").toString()),
                tmp, environment(Map.of("SSL_SUBJECT", "a.localhost", "SSL_KEY_TYPE", "rsa-1024")), LIMIT);
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
        // the launcher's own line about training the RSA archive may come first; the refusal is the last line
        assertThat(refused.stderr().strip().lines().reduce((earlier, last) -> last).orElse(""))
                .startsWith("SSL_KEY_TYPE: unknown key type 'rsa-1024'");
        assertThat(refused.stderr()).doesNotContain("Exception");
    }

    @Test
    void theServiceStartedByTheLauncherTakesItsArgumentsAndRunsWithTheSmallMachineSettings() throws Exception {
        int port = Tools.freePort();
        Process service = startService(List.of("serve", "--server.address=127.0.0.1", "--inkan.transport.tls=off",
                "--inkan.transport.http-port=" + port), Map.of("INKAN_DATA_DIR", tmp.resolve("data").toString(),
                "INKAN_ADMIN_TOKEN", "launcher-test-token"));
        try {
            awaitHealthy(service, port);
            // the launcher exec's java: this process is the JVM, started with the archive and the settings
            assertThat(commandLine(service)).contains("-XX:+UseSerialGC", "-Xmx256m", "-XX:NewRatio=1", "-XX:SurvivorRatio=4", "serve.archive",
                    "--inkan.transport.http-port=" + port);
            assertThat(archives("serve.archive")).hasSize(1);
            // Bouncy Castle unsigned, so that the archive holds its classes, and its manifests cut to their main
            // sections; the service above read its CA key with it
            try (Stream<Path> jars = Files.find(tmp.resolve("launch"), 3, (path, attributes) -> path.getFileName().toString()
                    .matches("bc(prov|pkix|util)-.*\\.jar"))) {
                List<Path> bouncyCastle = jars.toList();
                assertThat(bouncyCastle).hasSize(3);
                for (Path jar : bouncyCastle) {
                    try (JarFile file = new JarFile(jar.toFile())) {
                        assertThat(file.stream().map(JarEntry::getName)).as(jar.toString())
                                .noneMatch(name -> name.startsWith("META-INF/") && name.endsWith(".SF"));
                        // the manifest's main section only: no digest of every class for the JDK to parse at each start
                        assertThat(file.getManifest().getEntries()).as(jar.toString()).isEmpty();
                        assertThat(file.getManifest().getMainAttributes().getValue("Multi-Release")).isEqualTo("true");
                    }
                }
            }
        } finally {
            service.descendants().forEach(ProcessHandle::destroy); // a training run, if the test failed during it
            service.destroy();
            service.waitFor();
        }
    }

    /**
     * README's start command runs the service in Spring AOT mode (bean definitions generated by the build's
     * process-aot, auto-configuration conditions decided then): the settings of a user still apply at run time.
     * Here the non-default ones: PostgreSQL instead of H2, and HTTPS (on, the default) on ports of the test's
     * choosing; the API issues over HTTPS, the UI's login form carries its CSRF token, metrics need the token.
     */
    @Test
    void theServiceInSpringAotModeHonoursRunTimeSettingsPostgresqlAndHttps() throws Exception {
        int httpPort = Tools.freePort();
        int httpsPort = Tools.freePort();
        dev.inkan.testing.PostgresServer postgres = dev.inkan.testing.PostgresServer.shared();
        String databaseUrl = postgres.createDatabase();
        Process service = startService(List.of(), Map.of("INKAN_DATA_DIR", tmp.resolve("data").toString(),
                "INKAN_ADMIN_TOKEN", "launcher-test-token", "INKAN_PORT", Integer.toString(httpPort),
                "INKAN_HTTPS_PORT", Integer.toString(httpsPort),
                "INKAN_DATABASE_URL", databaseUrl,
                "INKAN_DATABASE_USERNAME", dev.inkan.testing.PostgresServer.USER));
        try {
            awaitHealthy(service, httpPort);
            assertThat(commandLine(service)).contains("-Dspring.aot.enabled=true");
            assertThat(log()).contains("PostgreSQL").doesNotContain("jdbc:h2");

            HttpClient http = HttpClient.newHttpClient();
            String caPem = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/ca.pem")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            dev.inkan.testing.TrustedCas.add(caPem);
            dev.inkan.testing.ApiClient api = new dev.inkan.testing.ApiClient(httpsPort, "launcher-test-token");
            var issued = api.post("/api/v1/certificates", "{\"commonName\":\"aot.test\"}");
            assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
            assertThat(api.get("/api/v1/certificates/" + issued.json().get("id").asLong()).json().get("commonName").asText())
                    .isEqualTo("aot.test");
            try (java.sql.Connection db = postgres.connect(databaseUrl.substring(databaseUrl.lastIndexOf('/') + 1));
                 var rows = db.createStatement().executeQuery("SELECT count(*) FROM certificate WHERE common_name = 'aot.test'")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).as("the certificate is in PostgreSQL").isEqualTo(1);
            }
            assertThat(api.withToken(null).get("/actuator/prometheus").status()).isEqualTo(401);
            assertThat(api.withToken(null).get("/login").text()).contains("name=\"_csrf\"");
        } finally {
            service.destroy();
            service.waitFor();
        }
    }

    /** {@code ./inkan args...} in the background, its output in service.log. */
    private Process startService(List<String> args, Map<String, String> variables) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("service.log").toFile());
        builder.environment().putAll(environment(variables));
        return builder.start();
    }

    /** Until {@code /actuator/health} on the plain-HTTP {@code port} says UP; fails with the log if the service exits. */
    private void awaitHealthy(Process service, int port) {
        HttpClient http = HttpClient.newHttpClient();
        URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
        await().atMost(LIMIT).pollInterval(Duration.ofMillis(200)).ignoreExceptionsInstanceOf(IOException.class).untilAsserted(() -> {
            assertThat(service.isAlive()).as(log()).isTrue();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).contains("\"UP\"");
        });
    }

    /** The JVM's command line: the launcher exec's java, so the started process is the JVM itself. */
    private static String commandLine(Process service) throws IOException {
        return Files.readString(Path.of("/proc", Long.toString(service.pid()), "cmdline"), StandardCharsets.UTF_8).replace('\0', ' ');
    }

    /** README: JAVA_OPTS comes after the launcher's settings and wins; a collector named there replaces the serial one. */
    @Test
    void aCollectorChosenInJavaOptsReplacesTheSerialCollector() {
        Processes.Result run = Processes.run(List.of(LAUNCHER.toString(), "oneshot", "--out", tmp.resolve("certs").toString()), tmp,
                environment(Map.of("SSL_SUBJECT", "localhost", "SSL_KEY_TYPE", "ecdsa", "JAVA_OPTS", "-XX:+UseG1GC -Xlog:gc:stdout")), LIMIT);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Using G1").doesNotContain("Multiple garbage collectors");
        assertThat(tmp.resolve("certs").resolve("cert.pem")).exists();
    }

    @Test
    void backupAndRestoreArgumentsReachTheCommandUnchanged() {
        Path missing = tmp.resolve("no-such-backup.zip");
        Processes.Result run = Processes.run(List.of(LAUNCHER.toString(), "restore", "--from", missing.toString(),
                "--data-dir", tmp.resolve("restored").toString()), tmp, environment(Map.of()), LIMIT);

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.stderr()).startsWith("inkan restore: ").contains(missing.toString());
    }

    @Test
    void withoutABuiltJarTheLauncherSaysHowToBuildIt() {
        Map<String, String> env = environment(Map.of());
        env.put("INKAN_JAR", tmp.resolve("missing.jar").toString());
        Processes.Result run = Processes.run(List.of(LAUNCHER.toString(), "oneshot"), tmp, env, LIMIT);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("./mvnw -q -B package -DskipTests");
    }

    private List<Path> archives(String name) throws IOException {
        try (Stream<Path> files = Files.walk(tmp.resolve("launch"))) {
            return files.filter(file -> file.getFileName().toString().equals(name)).toList();
        }
    }

    private String log() throws IOException {
        return Files.readString(tmp.resolve("service.log"));
    }
}
