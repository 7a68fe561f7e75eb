package dev.inkan.web.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inkan.acme.AcmeProperties;
import dev.inkan.acme.TrustedProxies;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The URL a JWS must name (RFC 8555 §6.4) takes X-Forwarded-Proto/Host only from a trusted proxy
 * ({@code INKAN_ACME_TRUSTED_PROXIES}, loopback by default); from any other address the request's own Host counts.
 */
class AcmeExchangeTests {

    private static final List<String> DEFAULT = List.of("127.0.0.0/8", "::1");

    @Test
    void forwardedHeadersFromLoopbackNameTheExternalUrlByDefault() {
        assertThat(exchange(DEFAULT).url(request("127.0.0.1"))).isEqualTo("https://acme.example.test/acme/directory");
        assertThat(exchange(DEFAULT).url(request("0:0:0:0:0:0:0:1"))).isEqualTo("https://acme.example.test/acme/directory");
    }

    @Test
    void forwardedHeadersFromAnUntrustedAddressAreIgnored() {
        assertThat(exchange(DEFAULT).url(request("203.0.113.7"))).isEqualTo("https://inkan.lan:8443/acme/directory");
    }

    @Test
    void aConfiguredProxyRangeIsTrustedAndNothingOutsideIt() {
        AcmeExchange exchange = exchange(List.of("10.0.0.0/24", "192.0.2.9"));
        assertThat(exchange.base(request("10.0.0.77"))).isEqualTo("https://acme.example.test");
        assertThat(exchange.base(request("192.0.2.9"))).isEqualTo("https://acme.example.test");
        assertThat(exchange.base(request("10.0.1.5"))).isEqualTo("https://inkan.lan:8443");
        assertThat(exchange.base(request("127.0.0.1"))).as("loopback is trusted only by default").isEqualTo("https://inkan.lan:8443");
    }

    @Test
    void aTrustedProxyThatIsNoAddressStopsTheStartWithWhatToWrite() {
        assertThatThrownBy(() -> exchange(List.of("proxy.lan"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("INKAN_ACME_TRUSTED_PROXIES").hasMessageContaining("10.0.0.0/24");
        assertThatThrownBy(() -> exchange(List.of("10.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prefix from 0 to 32");
    }

    private static AcmeExchange exchange(List<String> trusted) {
        return new AcmeExchange(null, new TrustedProxies(new AcmeProperties(null, 80, 443, 4, 0, trusted)));
    }

    private static MockHttpServletRequest request(String remoteAddress) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/acme/directory");
        request.setScheme("https");
        request.addHeader("Host", "inkan.lan:8443");
        request.addHeader("X-Forwarded-Proto", "https");
        request.addHeader("X-Forwarded-Host", "acme.example.test");
        request.setRemoteAddr(remoteAddress);
        return request;
    }
}
