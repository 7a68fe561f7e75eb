package dev.inkan.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Debian's nginx as a real TLS server for end-to-end tests, run from a private prefix
 * (TESTING.md: logs/, tmp/, html/; pid and temp paths inside it) and bound to 127.0.0.1 on a free port.
 * The site configuration is the caller's (e.g. a bundle's own {@code nginx/site.conf}).
 */
public final class NginxServer implements AutoCloseable {

    /** The text the served index.html holds, to tell the page from an error page. */
    public static final String MARKER = "inkan-nginx-test-page";

    private final Path prefix;
    private final int port;

    private NginxServer(Path prefix, int port) {
        this.prefix = prefix;
        this.port = port;
    }

    /** A free TCP port on 127.0.0.1 (closed again; nginx binds it a moment later). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The prefix's html/ directory, whose index.html holds {@link #MARKER}. */
    public static Path prepare(Path prefix) {
        try {
            for (String dir : List.of("logs", "tmp", "html", "conf")) {
                Files.createDirectories(prefix.resolve(dir));
            }
            Files.writeString(prefix.resolve("html/index.html"),
                    "<!doctype html><html><head><title>ok</title></head><body><p id=\"m\">" + MARKER + "</p></body></html>\n");
            return prefix.resolve("html");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Writes conf/nginx.conf including {@code site} inside http {}, checks it with {@code nginx -t}, then starts nginx. */
    public static NginxServer start(Path prefix, Path site, int port) {
        prepare(prefix);
        Path conf = prefix.resolve("conf/nginx.conf");
        try {
            Files.writeString(conf, String.join("\n",
                    "worker_processes 1;",
                    // Workers as root: JUnit's temporary directories are 0700, unreadable by nginx's default 'nobody'.
                    "user root root;",
                    "pid " + prefix.resolve("logs/nginx.pid") + ";",
                    "error_log " + prefix.resolve("logs/error.log") + " info;",
                    "events { worker_connections 64; }",
                    "http {",
                    "    include /etc/nginx/mime.types;",
                    "    access_log " + prefix.resolve("logs/access.log") + ";",
                    "    client_body_temp_path " + prefix.resolve("tmp/body") + ";",
                    "    proxy_temp_path " + prefix.resolve("tmp/proxy") + ";",
                    "    fastcgi_temp_path " + prefix.resolve("tmp/fastcgi") + ";",
                    "    uwsgi_temp_path " + prefix.resolve("tmp/uwsgi") + ";",
                    "    scgi_temp_path " + prefix.resolve("tmp/scgi") + ";",
                    "    include " + site + ";",
                    "}", ""));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        var test = Processes.run(List.of("nginx", "-t", "-c", conf.toString(), "-p", prefix + "/"));
        assertThat(test.ok()).as("nginx -t: " + test.output()).isTrue();
        assertThat(test.output()).contains("syntax is ok").contains("test is successful");
        var run = Processes.run(List.of("nginx", "-c", conf.toString(), "-p", prefix + "/"), null, Map.of(), Duration.ofSeconds(30));
        assertThat(run.ok()).as("nginx: " + run.output()).isTrue();
        NginxServer server = new NginxServer(prefix, port);
        server.awaitListening();
        return server;
    }

    public int port() {
        return port;
    }

    public String url(String host) {
        return "https://" + host + ":" + port + "/";
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (var socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(interrupted);
                }
            }
        }
        throw new AssertionError("nginx did not listen on 127.0.0.1:" + port + "; " + log());
    }

    public String log() {
        try {
            return Files.readString(prefix.resolve("logs/error.log"));
        } catch (IOException e) {
            return "(no error.log)";
        }
    }

    @Override
    public void close() {
        try {
            Path pid = prefix.resolve("logs/nginx.pid");
            if (Files.exists(pid)) {
                long id = Long.parseLong(Files.readString(pid).strip());
                ProcessHandle.of(id).ifPresent(handle -> {
                    handle.destroy();
                    handle.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
                });
            }
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("cannot stop nginx under " + prefix + ": " + e.getMessage(), e);
        }
    }
}
