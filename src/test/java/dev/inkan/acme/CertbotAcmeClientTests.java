package dev.inkan.acme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * certbot (Debian) against the running service: http-01 standalone, a wildcard by dns-01 manual hooks into
 * pebble-challtestsrv, renew --force-renewal, revoke, and External Account Binding on a directory that requires it.
 */
class CertbotAcmeClientTests extends AcmeRealClientTest {

    @Test
    void certbotGetsRenewsAndRevokesByHttp01AndAWildcardByDns01Hooks() throws Exception {
        Path dir = workDir("certbot");
        List<String> common = common(dir, directory());
        timed("certbot", "http-01", () -> run(dir, concat(List.of("certbot", "certonly", "--standalone", "--http-01-port",
                String.valueOf(HTTP01_PORT), "--http-01-address", "127.0.0.1", "-d", "certbot.acme.test", "--cert-name", "http"), common)));
        verify(dir.resolve("config/live/http/fullchain.pem"), "certbot.acme.test");

        String hook = "curl -fsS -d \"{\\\"host\\\":\\\"_acme-challenge.$CERTBOT_DOMAIN.\\\",\\\"value\\\":\\\"$CERTBOT_VALIDATION\\\"}\" "
                + "http://127.0.0.1:" + AcmeTestNetwork.MANAGEMENT_PORT + "/set-txt";
        timed("certbot", "dns-01-wildcard", () -> run(dir, concat(List.of("certbot", "certonly", "--manual", "--preferred-challenges",
                "dns", "--manual-auth-hook", hook, "-d", "*.certbot-wild.acme.test", "--cert-name", "wild"), common)));
        verify(dir.resolve("config/live/wild/fullchain.pem"), "app.certbot-wild.acme.test");

        String before = Files.readString(dir.resolve("config/live/http/cert.pem"));
        timed("certbot", "renew", () -> run(dir, concat(List.of("certbot", "renew", "--force-renewal", "--no-random-sleep-on-renew",
                "--cert-name", "http"), common)));
        assertThat(Files.readString(dir.resolve("config/live/http/cert.pem"))).isNotEqualTo(before);

        timed("certbot", "revoke", () -> run(dir, concat(List.of("certbot", "revoke", "--cert-path",
                dir.resolve("config/live/http/cert.pem").toString(), "--reason", "superseded", "--no-delete-after-revoke"), common)));
    }

    @Test
    void certbotRegistersWithAnEabKeyWhereTheDirectoryRequiresOne() throws Exception {
        var created = api().post("/api/v1/cas", "{\"name\":\"Certbot EAB CA\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long caId = created.json().get("id").asLong();
        assertThat(api().send("PUT", "/api/v1/cas/" + caId + "/acme", "application/json", "{\"eabRequired\":true}".getBytes())
                .status()).isEqualTo(200);
        JsonNode key = api().post("/api/v1/cas/" + caId + "/acme/eab-keys", "{\"label\":\"certbot\"}").json();
        String eabDirectory = "https://127.0.0.1:" + port + "/acme/" + caId + "/directory";
        Path dir = workDir("certbot-eab");
        List<String> issue = List.of("certbot", "certonly", "--standalone", "--http-01-port", String.valueOf(HTTP01_PORT),
                "--http-01-address", "127.0.0.1", "-d", "certbot-eab.acme.test", "--cert-name", "eab");

        var refused = Processes.run(concat(issue, common(dir, eabDirectory)), dir, Map.of("HOME", dir.toString(),
                "REQUESTS_CA_BUNDLE", caBundle.toString()), Duration.ofMinutes(2));
        assertThat(refused.ok()).as("no account without a binding").isFalse();
        assertThat(refused.output()).contains("requires external account binding");

        timed("certbot", "eab", () -> run(dir, concat(concat(issue, common(dir, eabDirectory)), List.of("--eab-kid",
                key.get("kid").asString(), "--eab-hmac-key", key.get("hmacKey").asString()))));
        verify(dir.resolve("config/live/eab/fullchain.pem"), "certbot-eab.acme.test");
        JsonNode accounts = api().get("/api/v1/cas/" + caId + "/acme/accounts").json();
        assertThat(accounts.get(0).get("eabKid").asString()).isEqualTo(key.get("kid").asString());
    }

    private static List<String> common(Path dir, String directory) {
        return List.of("--server", directory, "--non-interactive", "--agree-tos", "-m", "ops@acme.test",
                "--config-dir", dir.resolve("config").toString(), "--work-dir", dir.resolve("work").toString(),
                "--logs-dir", dir.resolve("logs").toString());
    }
}
