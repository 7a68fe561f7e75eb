package dev.inkan.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.testing.ApiClient;
import dev.inkan.testing.Processes;
import dev.inkan.testing.RunningService;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** {@code INKAN_TLS=off}: one plain-HTTP port serves the UI and the API with its token, for a proxy that terminates TLS. */
@TestPropertySource(properties = "inkan.transport.tls=off")
class TlsOffTests extends RunningService {

    /** A context of its own needs a data directory of its own: one process per data directory (the lock). */
    @org.springframework.test.context.DynamicPropertySource
    static void dataDirectoryOfItsOwn(org.springframework.test.context.DynamicPropertyRegistry registry) {
        RunningService.ownDataDirectory(registry);
    }


    @Test
    void theApiAndItsTokenWorkOverPlainHttpAndNoTlsIsSpoken() {
        ApiClient http = ApiClient.plain(port, TOKEN);
        ApiClient.Response issued = http.post("/api/v1/certificates", "{\"dnsNames\":[\"behind-a-proxy.test\"]}");
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        assertThat(ApiClient.plain(port, null).get("/api/v1/cas").status()).isEqualTo(401);
        assertThat(ApiClient.plain(port, null).get("/").status()).as("the UI, not the bootstrap page").isEqualTo(302);
        assertThat(endpoints.tlsEnabled()).isFalse();
        assertThat(endpoints.httpBase()).isEqualTo("http://127.0.0.1:" + port);
        assertThat(endpoints.httpsBase()).isEqualTo(endpoints.httpBase());
        var handshake = Processes.run(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-brief"));
        assertThat(handshake.exitCode()).as(handshake.output()).isNotZero();
    }
}
