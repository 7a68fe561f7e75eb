package dev.inkan.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.inkan.testing.ApiClient;
import dev.inkan.testing.RunningService;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Webhooks end to end: the real service, a real HTTP receiver that checks signatures, answers 500s and records order. */
@Tag("postgresql")
class WebhookDeliveryTests extends RunningService {

    private static final String SECRET = "receiver-secret-" + UUID.randomUUID();
    private final String prefix = "h" + UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    ExpiryCheck expiryCheck;

    private long subscribe(String url, String events, Integer days) {
        ApiClient.Response created = api().post("/api/v1/webhooks", "{\"url\":" + ApiClient.quote(url) + ",\"events\":[" + events
                + "],\"secret\":" + ApiClient.quote(SECRET) + (days == null ? "" : ",\"expiringWithinDays\":" + days) + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("secret").asString()).isEqualTo(SECRET);
        return created.json().path("id").asLong();
    }

    private long issue(String name, int days) {
        ApiClient.Response issued = api().post("/api/v1/certificates", "{\"commonName\":\"" + name + "\",\"validityDays\":" + days + "}");
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        return issued.json().path("id").asLong();
    }

    @Test
    void eventsArriveSignedInOrderAfterTheReceiverFailsTwice() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET, 2)) {
            long subscription = subscribe(receiver.url(), "\"certificate.issued\",\"certificate.revoked\"", null);
            long first = issue(prefix + "-a.test", 90);
            assertThat(api().post("/api/v1/certificates/" + first + "/revoke", "{\"reason\":\"superseded\"}").status()).isEqualTo(200);
            long second = issue(prefix + "-b.test", 90);

            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().stream().filter(r -> r.status() == 204).count() >= 3);
            List<WebhookReceiver.Received> all = receiver.received();
            assertThat(all).allSatisfy(r -> assertThat(r.signatureValid()).as(r.signature()).isTrue());
            assertThat(all.subList(0, 3)).extracting(WebhookReceiver.Received::status).containsExactly(500, 500, 204);
            assertThat(all.subList(0, 3)).extracting(WebhookReceiver.Received::eventId).containsOnly(all.get(0).eventId());
            List<JsonNode> accepted = all.stream().filter(r -> r.status() == 204).map(r -> ApiClient.JSON.readTree(r.body())).toList();
            assertThat(accepted).extracting(p -> p.path("type").asString() + " " + p.path("data").path("certificateId").asLong())
                    .containsExactly("certificate.issued " + first, "certificate.revoked " + first, "certificate.issued " + second);
            assertThat(accepted.get(0).path("data").path("commonName").asString()).isEqualTo(prefix + "-a.test");
            assertThat(accepted).extracting(p -> p.path("id").asString()).doesNotHaveDuplicates();
            assertThat(all).allSatisfy(r -> assertThat(ApiClient.JSON.readTree(r.body()).path("id").asString()).isEqualTo(r.eventId()));

            JsonNode log = api().get("/api/v1/webhooks/" + subscription + "/deliveries").json();
            assertThat(log.size()).isEqualTo(3);
            JsonNode oldest = log.get(2);
            assertThat(oldest.path("state").asString()).isEqualTo("DELIVERED");
            assertThat(oldest.path("attempts").asInt()).isEqualTo(3);
            assertThat(oldest.path("log")).extracting(a -> a.path("statusCode").asInt()).containsExactly(204, 500, 500);
            assertThat(oldest.path("log").get(1).path("outcome").asString()).isEqualTo("HTTP 500: receiver busy");
            assertThat(api().delete("/api/v1/webhooks/" + subscription).status()).isEqualTo(204);
        }
    }

    @Test
    void aSubscriptionGetsOnlyTheEventsItNamesAndNoneFromBeforeItExisted() throws Exception {
        long early = issue(prefix + "-early.test", 90);
        assertThat(api().post("/api/v1/certificates/" + early + "/revoke", "{\"reason\":\"superseded\"}").status()).isEqualTo(200);
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET, 0)) {
            long subscription = subscribe(receiver.url(), "\"certificate.revoked\"", null);
            long issued = issue(prefix + "-later.test", 90);
            assertThat(api().post("/api/v1/certificates/" + issued + "/revoke", "{\"reason\":\"keyCompromise\"}").status()).isEqualTo(200);

            // Events are delivered in audit order: once the last one arrived, any earlier one would have too.
            await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.received().isEmpty());
            List<JsonNode> bodies = receiver.received().stream().map(r -> ApiClient.JSON.readTree(r.body())).toList();
            assertThat(bodies).extracting(p -> p.path("type").asString() + " " + p.path("data").path("certificateId").asLong())
                    .containsExactly("certificate.revoked " + issued);
            assertThat(api().get("/api/v1/webhooks/" + subscription + "/deliveries").json().size()).isEqualTo(1);
            api().delete("/api/v1/webhooks/" + subscription);
        }
    }

    @Test
    void sendTestDeliversASignedTestEventAndLogsTheAnswer() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET, 0)) {
            long subscription = subscribe(receiver.url(), "\"certificate.expired\"", null);
            ApiClient.Response test = api().post("/api/v1/webhooks/" + subscription + "/test", null);
            assertThat(test.status()).as(test.toString()).isEqualTo(200);
            assertThat(test.json().path("state").asString()).isEqualTo("DELIVERED");
            assertThat(test.json().path("log").get(0).path("statusCode").asInt()).isEqualTo(204);
            assertThat(receiver.received()).singleElement().satisfies(r -> {
                assertThat(r.signatureValid()).isTrue();
                assertThat(r.eventType()).isEqualTo("webhook.test");
            });
            JsonNode listed = api().get("/api/v1/webhooks").json();
            assertThat(listed.toString()).doesNotContain(SECRET).doesNotContain("secret");
            assertThat(api().get("/api/v1/webhooks/" + subscription).json().has("secret")).isFalse();
            api().delete("/api/v1/webhooks/" + subscription);
        }
    }

    @Test
    void expiryIsNotifiedOncePerThresholdAndCertificateNotOnEveryRun() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET, 0)) {
            long subscription = subscribe(receiver.url(), "\"certificate.expiring\",\"certificate.expired\",\"ca.expiring\"", 10);
            long soon = issue(prefix + "-soon.test", 5);
            long later = issue(prefix + "-later.test", 60);
            long gone = issue(prefix + "-gone.test", 60);
            jdbc.sql("UPDATE certificate SET not_after = CURRENT_TIMESTAMP - INTERVAL '1' HOUR WHERE id = ?").param(gone).update();
            ApiClient.Response ca = api().post("/api/v1/cas", "{\"name\":\"" + prefix + " short CA\",\"validityDays\":7}");
            assertThat(ca.status()).as(ca.toString()).isEqualTo(201);
            long caId = ca.json().path("id").asLong();

            expiryCheck.run();
            expiryCheck.run();
            await().atMost(Duration.ofSeconds(20)).until(() -> mine(receiver, soon, gone, caId).size() >= 3);
            expiryCheck.run();
            List<String> events = mine(receiver, soon, gone, caId);
            assertThat(events).containsExactlyInAnyOrder("certificate.expiring:" + soon + ":10d", "certificate.expired:" + gone,
                    "ca.expiring:" + caId + ":10d");
            assertThat(receiver.received()).noneMatch(r -> r.body().contains("\"certificateId\":" + later + ","));
            assertThat(receiver.received()).filteredOn(r -> r.eventId().equals("certificate.expiring:" + soon + ":10d")).singleElement()
                    .satisfies(r -> assertThat(ApiClient.JSON.readTree(r.body()).path("data").path("daysLeft").asInt()).isBetween(4, 5));
            api().delete("/api/v1/webhooks/" + subscription);
        }
    }

    private static List<String> mine(WebhookReceiver receiver, long soon, long gone, long caId) {
        return receiver.received().stream().map(WebhookReceiver.Received::eventId)
                .filter(id -> id.contains(":" + soon + ":") || id.endsWith(":" + gone) || id.startsWith("ca.expiring:" + caId + ":"))
                .toList();
    }

    @Test
    void badSubscriptionsAreRefusedWithWhatToDoAndNothingStored() {
        long before = jdbc.sql("SELECT COUNT(*) FROM webhook_subscription").query(Long.class).single();
        for (String body : List.of("{\"url\":\"ftp://example.com/x\",\"events\":[\"certificate.issued\"]}",
                "{\"url\":\"https://example.com/x\",\"events\":[\"certificate.exploded\"]}",
                "{\"url\":\"https://example.com/x\",\"events\":[]}",
                "{\"url\":\"https://example.com/x\",\"events\":[\"certificate.issued\"],\"secret\":\"short\"}",
                "{\"url\":\"https://user:pw@example.com/x\",\"events\":[\"certificate.issued\"]}",
                "{\"url\":\"mailto:ops@example.com\",\"events\":[\"certificate.issued\"]}",
                "{\"url\":\"https://example.com/x\",\"events\":[\"certificate.expiring\"],\"expiringWithinDays\":0}")) {
            ApiClient.Response refused = api().post("/api/v1/webhooks", body);
            assertThat(refused.status()).as(body + " -> " + refused).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().path("errors").get(0).path("message").asString()).isNotBlank();
        }
        assertThat(anonymous().get("/api/v1/webhooks").status()).isEqualTo(401);
        assertThat(api().post("/api/v1/webhooks/999999/test", null).status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM webhook_subscription").query(Long.class).single()).isEqualTo(before);
    }
}
