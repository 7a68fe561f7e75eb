package dev.inkan.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which request heads the poller answers itself; everything else (null) is Tomcat's to parse and judge. */
class RevocationRequestHeadsTests {

    private static List<RevocationRequestHeads.Head> parse(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return RevocationRequestHeads.parse(bytes, 0, bytes.length);
    }

    @Test
    void aCompleteGetIsReadWithTheFieldsThatChangeTheAnswer() {
        var heads = parse("GET /ocsp/MFQw%2FA HTTP/1.1\r\nhost: ocsp.test:80\r\nUser-Agent: x\r\nIF-NONE-MATCH:  \"abc\" \r\n"
                + "If-Modified-Since: Mon, 30 Nov 2026 19:00:00 GMT\r\nAuthorization: Bearer t\r\nConnection: Close\r\n\r\n");
        assertThat(heads).containsExactly(new RevocationRequestHeads.Head("/ocsp/MFQw%2FA", "\"abc\"", true, true, true));
        assertThat(parse("GET /crl/1.crl HTTP/1.1\r\nHost: x\r\n\r\n"))
                .containsExactly(new RevocationRequestHeads.Head("/crl/1.crl", null, false, false, false));
    }

    @Test
    void pipelinedHeadsAreReadInOrder() {
        var heads = parse("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(heads).extracting(RevocationRequestHeads.Head::path).containsExactly("/a", "/b");
        assertThat(parse(("GET /a HTTP/1.1\r\nHost: x\r\n\r\n").repeat(RevocationRequestHeads.MAX_PIPELINED))).hasSize(32);
        assertThat(parse(("GET /a HTTP/1.1\r\nHost: x\r\n\r\n").repeat(RevocationRequestHeads.MAX_PIPELINED + 1))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "GET /ocsp/MFQw", "GET /ocsp/MFQw HTTP/1.1\r\nHost: x\r\n", "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\n",
        "POST /ocsp HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", "HEAD /crl/1.crl HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /crl/1.crl HTTP/1.0\r\n\r\n", "GET /crl/1.crl HTTP/1.1\r\n\r\n", "GET /crl/1.crl HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
        "GET /crl/1.crl HTTP/1.1\r\nHost: a b\r\n\r\n", "GET /crl/1.crl?x=1 HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET http://x/crl/1.crl HTTP/1.1\r\nHost: x\r\n\r\n", "GET /crl/1.crl HTTP/1.1\nHost: x\n\n",
        "GET /crl/1.crl HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n", "GET /crl/1.crl HTTP/1.1\r\nHost: x\r\nUpgrade: h2c\r\n\r\n",
        "GET /crl/1.crl HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n", "GET /crl/1.crl HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n\r\n",
        "GET /crl/1.crl HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n folded\r\n\r\n", "GET /crl/1.crl HTTP/1.1\r\nHost : x\r\n\r\n",
        "GET /crl/1.crl HTTP/1.1\r\nHost: x\r\nX-A: caf\u00e9\r\n\r\n", "GET /crl/1.crl HTTP/1.1\r\nHost: x\r\nIf-None-Match: a\r\nIf-None-Match: b\r\n\r\n",
        "GET /crl/1.crl HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\nGET /crl/1.crl HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /crl/1.crl HTTP/1.1\r\nHost: x\r\nnocolon\r\n\r\n", "GET  /crl/1.crl HTTP/1.1\r\nHost: x\r\n\r\n"})
    void anythingElseIsLeftToTomcat(String head) {
        assertThat(parse(head)).isNull();
    }

    @Test
    void moreThanTomcatsHundredFieldsAreLeftToTomcat() {
        assertThat(parse("GET /a HTTP/1.1\r\nHost: x\r\n" + "X-A: 1\r\n".repeat(99) + "\r\n")).hasSize(1);
        assertThat(parse("GET /a HTTP/1.1\r\nHost: x\r\n" + "X-A: 1\r\n".repeat(100) + "\r\n")).isNull();
    }
}
