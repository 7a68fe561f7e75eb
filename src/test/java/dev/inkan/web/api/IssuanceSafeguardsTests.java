package dev.inkan.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.testing.ApiClient;
import dev.inkan.testing.RunningService;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A clamped validity is reported, and a key revoked for keyCompromise is never handed out again. */
class IssuanceSafeguardsTests extends RunningService {

    private final String prefix = "s" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aLeafClampedToItsCaEndSaysSoInWarnings() {
        ApiClient.Response ca = api().post("/api/v1/cas", "{\"name\":\"" + prefix + " Short CA\",\"validityDays\":10}");
        assertThat(ca.status()).as(ca.toString()).isEqualTo(201);
        long caId = ca.json().path("id").asLong();

        ApiClient.Response clamped = api().post("/api/v1/certificates",
                "{\"commonName\":\"" + prefix + ".test\",\"validityDays\":365,\"caId\":" + caId + "}");
        assertThat(clamped.status()).as(clamped.toString()).isEqualTo(201);
        JsonNode warnings = clamped.json().path("warnings");
        assertThat(warnings.size()).isEqualTo(1);
        assertThat(warnings.get(0).asString()).startsWith("validity clamped to the CA's notAfter " + ca.json().path("notAfter").asString())
                .contains("asked 365 days, got 10 days");
        assertThat(clamped.json().path("notAfter").asString()).isEqualTo(ca.json().path("notAfter").asString());

        ApiClient.Response plain = api().post("/api/v1/certificates",
                "{\"commonName\":\"" + prefix + "-short.test\",\"validityDays\":5,\"caId\":" + caId + "}");
        assertThat(plain.status()).isEqualTo(201);
        assertThat(plain.json().path("warnings").isArray()).isTrue();
        assertThat(plain.json().path("warnings").size()).isZero();
    }

    @Test
    void afterKeyCompromiseTheKeyPkcs12AndBundleAreRefusedWith409SayingWhy() {
        ApiClient.Response issued = api().post("/api/v1/certificates", "{\"commonName\":\"" + prefix + "-kc.test\"}");
        assertThat(issued.status()).isEqualTo(201);
        long id = issued.json().path("id").asLong();
        String base = "/api/v1/certificates/" + id;
        assertThat(api().get(base + "/key.pem").status()).isEqualTo(200);

        ApiClient.Response revoked = api().post(base + "/revoke", "{\"reason\":\"keyCompromise\"}");
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);

        for (ApiClient.Response refused : new ApiClient.Response[] {api().get(base + "/key.pem"),
                api().post(base + "/pkcs12", "{\"password\":\"long-enough-password\"}"), api().get(base + "/bundle.zip")}) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().path("detail").asString()).contains("revoked for keyCompromise")
                    .contains("no longer hands it out").contains("issue a new certificate");
        }
        // the public parts stay available
        assertThat(api().get(base + "/cert.pem").status()).isEqualTo(200);
        assertThat(api().get(base + "/fullchain.pem").status()).isEqualTo(200);

        ApiClient.Response superseded = api().post("/api/v1/certificates", "{\"commonName\":\"" + prefix + "-sup.test\"}");
        long other = superseded.json().path("id").asLong();
        assertThat(api().post("/api/v1/certificates/" + other + "/revoke", "{\"reason\":\"superseded\"}").status()).isEqualTo(200);
        assertThat(api().get("/api/v1/certificates/" + other + "/key.pem").status()).isEqualTo(200);
    }
}
