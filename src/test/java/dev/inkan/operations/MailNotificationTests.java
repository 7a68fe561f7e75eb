package dev.inkan.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.inkan.testing.ApiClient;
import dev.inkan.testing.Tools;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code mailto:} subscriptions delivered to a real SMTP server: Debian's aiosmtpd ({@code python3 -m aiosmtpd}, package
 * python3-aiosmtpd) on 127.0.0.1, which prints every message it receives. Its own service instance, because the SMTP
 * port is only known once the server runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"inkan.admin-token=" + MailNotificationTests.TOKEN, "inkan.default-ca-name=Inkan Mail Test CA",
            "inkan.smtp.starttls=false", "inkan.smtp.from=inkan@ci.test", "logging.level.dev.inkan=WARN",
            "inkan.transport.http-port=0"})
class MailNotificationTests {

    static final String TOKEN = "mail-test-admin-token-0123456789";
    private static Process smtp;
    private static Path smtpOutput;

    @Autowired
    ApplicationContext service;

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) throws IOException {
        int smtpPort;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            smtpPort = free.getLocalPort();
        }
        Path dir = Files.createTempDirectory(Files.createDirectories(Tools.buildDir()), "mail-test-");
        smtpOutput = dir.resolve("smtp.out");
        smtp = new ProcessBuilder(Tools.require("/usr/bin/python3").toString(), "-u", "-m", "aiosmtpd", "-n", "-l",
                "127.0.0.1:" + smtpPort).redirectErrorStream(true).redirectOutput(smtpOutput.toFile()).start();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            try (Socket probe = new Socket("127.0.0.1", smtpPort)) {
                return true;
            }
        });
        registry.add("inkan.smtp.host", () -> "127.0.0.1");
        registry.add("inkan.smtp.port", () -> smtpPort);
        registry.add("inkan.data-dir", () -> dir.resolve("data").toString());
    }

    @AfterAll
    static void stopSmtp() {
        if (smtp != null) {
            smtp.destroy();
        }
    }

    @Test
    void issuedCertificateIsMailedToTheSubscribedRecipients() throws IOException {
        ApiClient api = ApiClient.of(service, TOKEN);
        ApiClient.Response subscribed = api.post("/api/v1/webhooks",
                "{\"url\":\"mailto:ops@ci.test,dev@ci.test\",\"events\":[\"certificate.issued\"]}");
        assertThat(subscribed.status()).as(subscribed.toString()).isEqualTo(201);
        assertThat(subscribed.json().has("secret")).isFalse();
        long subscription = subscribed.json().path("id").asLong();
        ApiClient.Response issued = api.post("/api/v1/certificates", "{\"commonName\":\"mailed.ci.test\"}");
        assertThat(issued.status()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(smtpOutput, StandardCharsets.UTF_8).contains("mailed.ci.test"));
        String received = Files.readString(smtpOutput, StandardCharsets.UTF_8);
        assertThat(received).contains("From: inkan@ci.test", "To: ops@ci.test, dev@ci.test",
                "Subject: [Inkan] certificate mailed.ci.test (id " + issued.json().path("id").asLong() + ") issued by api-token",
                "\"type\" : \"certificate.issued\""); // Debian's aiosmtpd 1.4 prints no X-RcptTo envelope line
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode log = api.get("/api/v1/webhooks/" + subscription + "/deliveries").json();
            assertThat(log.get(0).path("state").asString()).isEqualTo("DELIVERED");
            assertThat(log.get(0).path("log").get(0).path("outcome").asString()).startsWith("accepted by 127.0.0.1:");
        });
    }
}
