package dev.inkan.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real service as a child {@code java} process on the test classpath ({@code dev.inkan.Inkan}, the jar's
 * main class), bound to 127.0.0.1 on a free port: started, driven with {@link ApiClient}, stopped with
 * SIGTERM or killed with SIGKILL ({@link Process#destroyForcibly()} on Linux), or run until it exits by itself.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private int httpPort;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the service on {@code dataDir} and waits until {@code /actuator/health} says UP. */
    public static ServiceProcess start(Path dataDir, Map<String, String> environment, Duration startTimeout) {
        int port = Tools.freePort();
        int httpPort = Tools.freePort();
        try {
            Path log = Files.createTempFile(Files.createDirectories(Tools.buildDir()), "service-process-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command(port, httpPort)).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().put("INKAN_DATA_DIR", dataDir.toString());
            builder.environment().putAll(environment);
            ServiceProcess service = new ServiceProcess(builder.start(), port, log);
            service.httpPort = httpPort;
            service.awaitUp(startTimeout);
            return service;
        } catch (IOException e) {
            throw new AssertionError("cannot start the service: " + e.getMessage(), e);
        }
    }

    /** Runs the service on {@code dataDir} expecting it to exit by itself (a refused start). */
    public static Processes.Result runToExit(Path dataDir, Map<String, String> environment, Duration timeout) {
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("INKAN_DATA_DIR", dataDir.toString());
        return Processes.run(command(Tools.freePort(), Tools.freePort()), null, env, timeout);
    }

    /** HTTPS (UI, API) on {@code port}, the plain-HTTP bootstrap on {@code httpPort}; C1 only: start-up is most of these tests' time. */
    private static List<String> command(int port, int httpPort) {
        List<String> command = new ArrayList<>(List.of(OneShotRuns.javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "dev.inkan.Inkan", "--server.address=127.0.0.1",
                "--server.port=" + port, "--inkan.transport.http-port=" + httpPort));
        return command;
    }

    /** Up when health over plain HTTP says so; then its CA (from /ca.pem) is trusted for the HTTPS port. */
    private void awaitUp(Duration timeout) {
        ApiClient anonymous = ApiClient.plain(httpPort, null);
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(100)).ignoreExceptionsMatching(e -> process.isAlive())
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new AssertionError("the service exited with " + process.exitValue() + ":\n" + output());
                        }
                        return anonymous.get("/actuator/health").text().contains("\"UP\"");
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            process.destroyForcibly();
            throw new AssertionError("the service did not come up within " + timeout + ":\n" + output(), e);
        }
        TrustedCas.add(anonymous.get("/ca.pem").text());
    }

    public int port() {
        return port;
    }

    public ApiClient api(String token) {
        return new ApiClient(port, token);
    }

    /** SIGKILL: no shutdown hook, no flush, no close — what a crash or the OOM killer does. */
    public void kill9() {
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGTERM: Spring's graceful shutdown. */
    public void stop() {
        process.destroy();
        waitForExit();
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the service did not exit within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** What the process printed so far. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill9();
        }
    }

}
