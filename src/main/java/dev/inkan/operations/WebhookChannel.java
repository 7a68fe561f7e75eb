package dev.inkan.operations;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * POSTs the JSON payload with {@code X-Inkan-Signature}, {@code X-Inkan-Event}, {@code X-Inkan-Event-Id} and
 * {@code X-Inkan-Delivery}. Any 2xx is delivered; redirects are not followed (a 3xx is a failure to fix at the receiver).
 */
@Component
class WebhookChannel implements DeliveryChannel {

    private final HttpClient http;
    private final NotificationProperties properties;
    private final Clock clock;

    WebhookChannel(NotificationProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public boolean handles(String target) {
        return target.startsWith("http://") || target.startsWith("https://");
    }

    @Override
    public Outcome send(DeliveryLog.Due delivery, int attempt, String secret) {
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.target())).timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Inkan-Webhook/1")
                .header("X-Inkan-Event", delivery.type().id())
                .header("X-Inkan-Event-Id", delivery.eventId())
                .header("X-Inkan-Delivery", delivery.id() + "/" + attempt)
                .header(WebhookSignature.HEADER, WebhookSignature.header(secret, clock.instant().getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String answer;
            try (InputStream in = response.body()) {
                answer = new String(in.readNBytes(200), StandardCharsets.UTF_8).strip();
            }
            int status = response.statusCode();
            return new Outcome(status / 100 == 2, status, "HTTP " + status + (answer.isEmpty() ? "" : ": " + answer));
        } catch (IOException e) {
            return new Outcome(false, null, "no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, null, "interrupted");
        }
    }
}
