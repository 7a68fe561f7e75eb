package dev.inkan.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.exception.AcmeServerException;
import tools.jackson.databind.JsonNode;

/**
 * Each CA's directory through the admin API: its own URL, switched off and on, External Account Binding required
 * with keys made, used once and revoked (acme4j as the client), and the accounts listed with their orders.
 */
class AcmeDirectorySettingsTests extends AcmeServiceTest {

    @Test
    void eabRequiredRefusesAnAccountWithoutABindingAndAcceptsOneWithAFreshKey() throws Exception {
        long caId = newCa("EAB ACME CA");
        assertThat(api().send("PUT", "/api/v1/cas/" + caId + "/acme", "application/json",
                "{\"eabRequired\":true,\"certificateDays\":30}".getBytes()).status()).isEqualTo(200);
        String directory = api().get("/api/v1/cas/" + caId + "/acme").json().get("directoryUrl").asString();
        assertThat(directory).isEqualTo(api().base() + "/acme/" + caId + "/directory");
        Session session = new Session(URI.create(directory));
        assertThat(session.getMetadata().isExternalAccountRequired()).isTrue();

        assertThatThrownBy(() -> new AccountBuilder().agreeToTermsOfService().useKeyPair(AcmeClientFlowTests.accountKey("ec")).create(session))
                .isInstanceOf(AcmeServerException.class).extracting(e -> ((AcmeServerException) e).getType())
                .isEqualTo(URI.create("urn:ietf:params:acme:error:externalAccountRequired"));

        JsonNode key = api().post("/api/v1/cas/" + caId + "/acme/eab-keys", "{\"label\":\"ci runner\"}").json();
        String kid = key.get("kid").asString();
        Account account = new AccountBuilder().agreeToTermsOfService().withKeyIdentifier(kid, key.get("hmacKey").asString())
                .useKeyPair(AcmeClientFlowTests.accountKey("ec")).create(session);
        assertThat(account.getStatus()).isEqualTo(org.shredzone.acme4j.Status.VALID);
        assertThatThrownBy(() -> new AccountBuilder().agreeToTermsOfService().withKeyIdentifier(kid, key.get("hmacKey").asString())
                .useKeyPair(AcmeClientFlowTests.accountKey("ec")).create(session))
                .as("an EAB key binds one account").isInstanceOf(AcmeServerException.class);

        JsonNode accounts = api().get("/api/v1/cas/" + caId + "/acme/accounts").json();
        assertThat(accounts.get(0).get("eabKid").asString()).isEqualTo(kid);
        JsonNode keys = api().get("/api/v1/cas/" + caId + "/acme/eab-keys").json();
        assertThat(keys.get(0).get("label").asString()).isEqualTo("ci runner");
        assertThat(keys.get(0).has("hmacKey")).as("the HMAC key is shown once").isFalse();
    }

    @Test
    void aRevokedEabKeyNoLongerBindsAnAccount() throws Exception {
        long caId = newCa("Revoked EAB CA");
        JsonNode key = api().post("/api/v1/cas/" + caId + "/acme/eab-keys", "{}").json();
        assertThat(api().delete("/api/v1/cas/" + caId + "/acme/eab-keys/" + key.get("kid").asString()).status()).isEqualTo(204);
        Session session = new Session(URI.create(api().base() + "/acme/" + caId + "/directory"));
        assertThatThrownBy(() -> new AccountBuilder().agreeToTermsOfService().withKeyIdentifier(key.get("kid").asString(),
                key.get("hmacKey").asString()).useKeyPair(AcmeClientFlowTests.accountKey("ec")).create(session))
                .isInstanceOf(AcmeServerException.class).extracting(e -> ((AcmeServerException) e).getType())
                .isEqualTo(URI.create("urn:ietf:params:acme:error:unauthorized"));
    }

    @Test
    void aSwitchedOffDirectoryAnswers404UntilSwitchedOnAgain() {
        long caId = newCa("Switched ACME CA");
        String directory = api().base() + "/acme/" + caId + "/directory";
        assertThat(JwsClient.get(directory).status()).isEqualTo(200);
        api().send("PUT", "/api/v1/cas/" + caId + "/acme", "application/json", "{\"enabled\":false}".getBytes());
        JwsClient.Reply off = JwsClient.get(directory);
        assertThat(off.status()).isEqualTo(404);
        assertThat(off.json().get("detail").asString()).contains("switched off");
        api().send("PUT", "/api/v1/cas/" + caId + "/acme", "application/json", "{\"enabled\":true}".getBytes());
        assertThat(JwsClient.get(directory).status()).isEqualTo(200);
    }

    @Test
    void settingsRefuseALifetimeOverAppleLimitAndNeedTheToken() {
        long caId = newCa("Lifetime ACME CA");
        var refused = api().send("PUT", "/api/v1/cas/" + caId + "/acme", "application/json", "{\"certificateDays\":900}".getBytes());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).contains("825");
        assertThat(new dev.inkan.testing.ApiClient(port, null).get("/api/v1/cas/" + caId + "/acme/eab-keys").status()).isEqualTo(401);
    }

    private long newCa(String name) {
        var created = api().post("/api/v1/cas", "{\"name\":\"" + name + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asLong();
    }
}
