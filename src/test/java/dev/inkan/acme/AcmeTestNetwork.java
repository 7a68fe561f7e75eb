package dev.inkan.acme;

import com.sun.net.httpserver.HttpServer;
import dev.inkan.testing.Tools;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.Awaitility;

/**
 * The network an ACME validator sees in tests, all on 127.0.0.1: pebble-challtestsrv as the DNS server (every A
 * query answers 127.0.0.1, TXT records set over its management API) and as the tls-alpn-01 responder, and a tiny
 * JDK HTTP server answering http-01 tokens. Started once per JVM.
 */
public final class AcmeTestNetwork {

    public static final int DNS_PORT = freePort();
    public static final int MANAGEMENT_PORT = freePort();
    public static final int HTTP01_PORT = freePort();
    public static final int TLSALPN01_PORT = freePort();
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static boolean started;

    private AcmeTestNetwork() {}

    public static synchronized void start() {
        if (started) {
            return;
        }
        try {
            Path log = Files.createTempFile(Tools.buildDir(), "challtestsrv", ".log");
            Process process = new ProcessBuilder(Tools.require("pebble-challtestsrv").toString(), "-defaultIPv4", "127.0.0.1",
                    "-defaultIPv6", "", "-dns01", "127.0.0.1:" + DNS_PORT, "-http01", "", "-https01", "",
                    "-tlsalpn01", "127.0.0.1:" + TLSALPN01_PORT, "-management", "127.0.0.1:" + MANAGEMENT_PORT)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", HTTP01_PORT), 16);
            http.createContext("/.well-known/acme-challenge/", exchange -> {
                String token = exchange.getRequestURI().getPath().substring("/.well-known/acme-challenge/".length());
                String answer = TOKENS.get(token);
                byte[] body = (answer == null ? "unknown token" : answer).getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(answer == null ? 404 : 200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            http.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> http.stop(0)));
            Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> management("/clear-txt",
                    "{\"host\":\"probe.test.\"}") == 200);
            started = true;
        } catch (IOException e) {
            throw new AssertionError("cannot start the test network: " + e.getMessage(), e);
        }
    }

    public static void serveHttp01(String token, String keyAuthorization) {
        TOKENS.put(token, keyAuthorization);
    }

    public static void setTxt(String name, String value) {
        management("/set-txt", "{\"host\":\"" + name + ".\",\"value\":\"" + value + "\"}");
    }

    /** challtestsrv presents an RFC 8737 certificate for {@code host} on the tls-alpn-01 port. */
    public static void serveTlsAlpn01(String host, String keyAuthorization) {
        management("/add-tlsalpn01", "{\"host\":\"" + host + "\",\"content\":\"" + keyAuthorization + "\"}");
    }

    private static int management(String path, String json) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + path))
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("challtestsrv " + path + " answered " + response.statusCode() + " " + response.body());
            }
            return response.statusCode();
        } catch (IOException e) {
            throw new AssertionError("challtestsrv " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static List<String> properties() {
        return List.of("inkan.acme.dns-resolver=127.0.0.1:" + DNS_PORT, "inkan.acme.http01-port=" + HTTP01_PORT,
                "inkan.acme.tlsalpn01-port=" + TLSALPN01_PORT);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
