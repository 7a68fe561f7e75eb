package dev.inkan.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real nginx (Debian package) on 127.0.0.1 and a free port, for end-to-end TLS tests.
 * <pre>
 * try (NginxServer nginx = NginxServer.startTls(dir, certPem, keyPem)) {
 *     curl ... "https://localhost:" + nginx.port() + "/"   // answers "inkan-ok"
 * }
 * </pre>
 * {@link #start} takes the text of {@code server { ... }} blocks instead, with {@code {{port}}} where
 * the port goes. The prefix directory holds logs/, tmp/ and html/ (TESTING.md's recipe).
 */
public final class NginxServer implements AutoCloseable {

    /** What {@link #startTls} serves at every path. */
    public static final String MARKER = "inkan-ok";

    private final Path prefix;
    private final int port;

    private NginxServer(Path prefix, int port) {
        this.prefix = prefix;
        this.port = port;
    }

    /** An HTTPS server with the given certificate (or full chain) and key files, answering {@link #MARKER}. */
    public static NginxServer startTls(Path workDir, Path certificate, Path key) {
        return start(workDir, """
                server {
                    listen 127.0.0.1:{{port}} ssl;
                    server_name _;
                    ssl_certificate %s;
                    ssl_certificate_key %s;
                    location / { default_type text/plain; return 200 "%s\\n"; }
                }
                """.formatted(certificate.toAbsolutePath(), key.toAbsolutePath(), MARKER));
    }

    /** nginx with the given {@code server} blocks inside {@code http { }}; {@code {{port}}} is replaced by a free port. */
    public static NginxServer start(Path workDir, String serverBlocks) {
        Tools.require("nginx");
        AssertionError last = null;
        for (int attempt = 0; attempt < 3; attempt++) { // a free port may be taken between probe and bind
            int port = Tools.freePort();
            try {
                Path prefix = Files.createDirectories(workDir.resolve("nginx-" + port));
                for (String dir : List.of("logs", "tmp", "html")) {
                    Files.createDirectories(prefix.resolve(dir));
                }
                Path conf = prefix.resolve("nginx.conf");
                Files.writeString(conf, """
                        worker_processes 1;
                        daemon on;
                        pid logs/nginx.pid;
                        error_log logs/error.log;
                        events { worker_connections 64; }
                        http {
                            access_log logs/access.log;
                            client_body_temp_path tmp/body;
                            proxy_temp_path tmp/proxy;
                            fastcgi_temp_path tmp/fastcgi;
                            uwsgi_temp_path tmp/uwsgi;
                            scgi_temp_path tmp/scgi;
                        %s
                        }
                        """.formatted(serverBlocks.replace("{{port}}", String.valueOf(port))));
                var result = Processes.run(List.of("nginx", "-c", conf.toString(), "-p", prefix + "/"), prefix, Map.of(),
                        Duration.ofSeconds(30));
                if (result.ok()) {
                    return new NginxServer(prefix, port);
                }
                last = new AssertionError("nginx did not start: " + result.output());
                if (!result.output().contains("Address already in use")) {
                    throw last;
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        throw last;
    }

    public int port() {
        return port;
    }

    /** The error log, for assertion messages. */
    public String errorLog() {
        try {
            return Files.readString(prefix.resolve("logs/error.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Stops nginx and waits until the master process is gone. */
    public void stop() {
        Path pidFile = prefix.resolve("logs/nginx.pid");
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle.of(pid).ifPresent(process -> {
                process.destroy(); // SIGTERM: fast shutdown
                process.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> {
                    process.destroyForcibly();
                    return process;
                }).join();
            });
            Files.deleteIfExists(pidFile);
        } catch (IOException | NumberFormatException e) {
            throw new AssertionError("cannot stop nginx: " + e, e);
        }
    }

    @Override
    public void close() {
        stop();
    }

}
