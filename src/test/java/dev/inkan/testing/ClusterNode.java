package dev.inkan.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The service as a real child JVM ({@code java -cp <test classpath> dev.inkan.Inkan serve}) on a free
 * port of 127.0.0.1, for tests that need several instances or a {@code kill -9}. Its output goes to
 * {@code service-PORT.log} in its data directory.
 * <pre>
 * try (ClusterNode node = ClusterNode.start(dataDir, Map.of("INKAN_DATABASE_URL", url, ...))) {
 *     node.api(token).post("/api/v1/certificates", ...);
 *     node.kill();        // SIGKILL, as a crash
 *     node.restart();     // same port, data directory and environment
 * }
 * </pre>
 */
public final class ClusterNode implements AutoCloseable {

    private final Path dataDir;
    private final Map<String, String> environment;
    private final int port;
    private Process process;

    private ClusterNode(Path dataDir, Map<String, String> environment, int port) {
        this.dataDir = dataDir;
        this.environment = environment;
        this.port = port;
    }

    /** Starts the service and returns once it is up (see {@link #awaitUp}). */
    public static ClusterNode start(Path dataDir, Map<String, String> environment) {
        ClusterNode service = launch(dataDir, environment);
        service.awaitUp();
        return service;
    }

    /** Starts the service without waiting: start several at once, then {@link #awaitUp} each. */
    public static ClusterNode launch(Path dataDir, Map<String, String> environment) {
        ClusterNode service = new ClusterNode(dataDir, environment, Tools.freePort());
        service.spawn();
        return service;
    }

    private void spawn() {
        try {
            Files.createDirectories(dataDir);
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            List<String> command = new ArrayList<>(List.of(OneShotRuns.javaExecutable(), "-Xmx384m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", classpath, "dev.inkan.Inkan", "serve"));
            Map<String, String> env = new HashMap<>(environment);
            env.put("INKAN_DATA_DIR", dataDir.toString());
            env.put("INKAN_PORT", String.valueOf(port));
            env.putIfAbsent("LOGGING_LEVEL_ROOT", "WARN");
            env.putIfAbsent("INKAN_TLS", "off"); // plain HTTP behind a proxy that terminates TLS
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
            builder.environment().putAll(env);
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot start the service: " + e.getMessage(), e);
        }
    }

    /** Waits until {@code /actuator/health} answers 200; fails with the log when the process dies first. */
    public void awaitUp() {
        await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the service on port " + port + " exited with " + process.exitValue() + ":\n" + logText());
            }
            try {
                return ApiClient.plain(port, null).get("/actuator/health").status() == 200;
            } catch (AssertionError | RuntimeException notListeningYet) {
                return false;
            }
        });
    }

    public int port() {
        return port;
    }

    public ApiClient api(String token) {
        return ApiClient.plain(port, token);
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no connection closed politely; a crash. */
    public void kill() {
        process.destroyForcibly();
        process.onExit().join();
    }

    /** Stops it (SIGTERM: a graceful shutdown) and starts it again on the same port and data directory. */
    public void restart() {
        stop();
        spawn();
        awaitUp();
    }

    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.onExit().join();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    public String logText() {
        try {
            return Files.readString(log());
        } catch (IOException e) {
            return e.toString();
        }
    }

    private Path log() {
        return dataDir.resolve("service-" + port + ".log");
    }

    @Override
    public void close() {
        stop();
    }

}
