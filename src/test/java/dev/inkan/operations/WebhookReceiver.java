package dev.inkan.operations;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver as a user would write one (JDK HttpServer on 127.0.0.1): it checks {@code X-Inkan-Signature}
 * with its own HMAC code (not Inkan's), refuses stale timestamps, answers 500 to the first {@code failures}
 * requests and 204 afterwards, and keeps every request it saw.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    record Received(int status, String eventId, String eventType, String signature, boolean signatureValid, String body) {}

    private final HttpServer server;
    private final String secret;
    private final AtomicInteger failuresLeft;
    private final List<Received> received = new ArrayList<>();

    WebhookReceiver(String secret, int failures) throws IOException {
        this.secret = secret;
        this.failuresLeft = new AtomicInteger(failures);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String signature = exchange.getRequestHeaders().getFirst("X-Inkan-Signature");
            boolean valid = verify(signature, body);
            int status = !valid ? 401 : failuresLeft.getAndDecrement() > 0 ? 500 : 204;
            synchronized (received) {
                received.add(new Received(status, exchange.getRequestHeaders().getFirst("X-Inkan-Event-Id"),
                        exchange.getRequestHeaders().getFirst("X-Inkan-Event"), signature, valid,
                        new String(body, StandardCharsets.UTF_8)));
            }
            if (status == 500) {
                byte[] answer = "receiver busy".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(500, answer.length);
                exchange.getResponseBody().write(answer);
            } else {
                exchange.sendResponseHeaders(status, -1);
            }
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The receiver's own check: t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>, t within 5 minutes. */
    private boolean verify(String header, byte[] body) {
        if (header == null || !header.matches("t=\\d+,v1=[0-9a-f]{64}")) {
            return false;
        }
        String t = header.substring(2, header.indexOf(','));
        String v1 = header.substring(header.indexOf("v1=") + 3);
        if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t)) > 300) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
