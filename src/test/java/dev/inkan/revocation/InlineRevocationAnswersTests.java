package dev.inkan.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.testing.RevocationCheckers;
import dev.inkan.testing.RunningService;
import dev.inkan.testing.Tools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.junit.jupiter.api.Test;

/**
 * Cached OCSP and CRL answers written by Tomcat's poller thread ({@code web.api.InlineRevocationEndpoint}), spoken to
 * over raw sockets on the plain-HTTP port: a miss still reaches the responder and is answered right, a client that
 * sends half a request holds up nobody, pipelined requests are answered in order, {@code Connection: close} closes, and
 * a request line past Tomcat's limit is refused.
 */
class InlineRevocationAnswersTests extends RunningService {

    private record Answer(int status, Map<String, String> headers, byte[] body) {}

    @Test
    void aRequestWhoseAnswerIsNotCachedIsAnsweredByTheResponderAndThenFromMemory() throws Exception {
        String path = newOcspGetPath("inline-miss.test");
        try (Socket socket = connect()) {
            Answer miss = exchange(socket, get(path, ""));
            Answer hit = exchange(socket, get(path, ""));
            assertThat(miss.status()).isEqualTo(200);
            assertThat(RevocationEndpointsTests.basic(miss.body()).getResponses()[0].getCertStatus()).as("good").isNull();
            assertThat(hit.body()).isEqualTo(miss.body());
            for (String header : new String[] {"etag", "last-modified", "expires", "content-type", "content-length",
                    "x-content-type-options"}) {
                assertThat(hit.headers().get(header)).as(header).isEqualTo(miss.headers().get(header)).isNotBlank();
            }
            assertThat(hit.headers()).containsKey("date").doesNotContainKey("set-cookie").doesNotContainKey("connection");
            Answer notModified = exchange(socket, get(path, "If-None-Match: " + miss.headers().get("etag") + "\r\n"));
            assertThat(notModified.status()).isEqualTo(304);
            assertThat(notModified.body()).isEmpty();
        }
    }

    @Test
    void aClientSendingHalfARequestLineDoesNotHoldUpOtherClients() throws Exception {
        String path = newOcspGetPath("inline-slow.test");
        byte[] request = get(path, "");
        byte[] expected;
        try (Socket warm = connect()) {
            expected = exchange(warm, request).body(); // the responder answers and caches it
        }
        try (Socket slow = connect(); Socket other = connect()) {
            slow.getOutputStream().write(request, 0, 20); // "GET /ocsp/MG..." and then nothing
            slow.getOutputStream().flush();
            other.setSoTimeout(5_000); // web.api.InlineRevocationEndpointTests shows the same with a 20 s connection timeout
            for (int i = 0; i < 5; i++) {
                Answer answer = exchange(other, request);
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.body()).isEqualTo(expected);
            }
            slow.getOutputStream().write(request, 20, request.length - 20);
            assertThat(read(slow.getInputStream()).body()).as("the slow client's request, once complete").isEqualTo(expected);
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderAndConnectionCloseIsHonoured() throws Exception {
        String cached = newOcspGetPath("inline-pipelined.test");
        long caId = api().get("/api/v1/cas").json().get(0).get("id").asLong();
        String crl = "/crl/" + caId + ".crl";
        byte[] ocspBody;
        byte[] crlBody;
        try (Socket warm = connect()) {
            ocspBody = exchange(warm, get(cached, "")).body();
            crlBody = exchange(warm, get(crl, "")).body();
        }
        String miss = newOcspGetPath("inline-pipelined-miss.test");
        try (Socket socket = connect()) {
            socket.getOutputStream().write(concat(get(cached, ""), get(crl, ""), get(miss, ""), get(cached, "Connection: close\r\n")));
            InputStream in = socket.getInputStream();
            assertThat(read(in).body()).isEqualTo(ocspBody);
            assertThat(read(in).body()).isEqualTo(crlBody);
            Answer third = read(in);
            assertThat(RevocationEndpointsTests.ocspStatus(third.body())).isEqualTo(OCSPResp.SUCCESSFUL);
            assertThat(third.body()).isNotEqualTo(ocspBody);
            Answer last = read(in);
            assertThat(last.body()).isEqualTo(ocspBody);
            assertThat(last.headers().get("connection")).isEqualTo("close");
            assertThat(in.read()).as("closed after the answer to Connection: close").isEqualTo(-1);
        }
        try (Socket socket = connect()) { // all cached: every answer from memory
            socket.getOutputStream().write(concat(get(cached, ""), get(crl, ""), get(cached, "Connection: close\r\n")));
            InputStream in = socket.getInputStream();
            assertThat(read(in).body()).isEqualTo(ocspBody);
            assertThat(read(in).body()).isEqualTo(crlBody);
            assertThat(read(in).headers().get("connection")).isEqualTo("close");
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aRequestLinePastTomcatsLimitIsRefusedAndOthersAreStillAnswered() throws Exception {
        String path = newOcspGetPath("inline-huge.test");
        try (Socket huge = connect()) {
            huge.getOutputStream().write(get("/ocsp/" + "A".repeat(9_000), ""));
            assertThat(read(huge.getInputStream()).status()).as("refused, never a 5xx").isBetween(400, 499);
        }
        try (Socket socket = connect()) {
            exchange(socket, get(path, ""));
            assertThat(exchange(socket, get(path, "")).status()).isEqualTo(200);
        }
    }

    private String newOcspGetPath(String commonName) throws Exception {
        var issued = api().post("/api/v1/certificates", "{\"commonName\":\"" + commonName + "\"}");
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        Path dir = Files.createTempDirectory(Tools.buildDir(), "ocsp-inline");
        Path issuer = Files.writeString(dir.resolve("issuer.pem"), api().get("/ca.pem").text());
        Path leaf = Files.writeString(dir.resolve("leaf.pem"), issued.json().get("certificatePem").asText());
        byte[] request = RevocationCheckers.opensslRequest(dir, issuer, leaf, false);
        return "/ocsp/" + URLEncoder.encode(Base64.getEncoder().encodeToString(request), StandardCharsets.US_ASCII);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", endpoints.httpPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static byte[] get(String path, String fields) {
        return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + fields + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    private static Answer exchange(Socket socket, byte[] request) throws IOException {
        socket.getOutputStream().write(request);
        return read(socket.getInputStream());
    }

    /** One HTTP/1.1 response with a Content-Length body (or none: 304). */
    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("response head so far: " + head.toString(StandardCharsets.ISO_8859_1)).isNotNegative();
            head.write(b);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, in.readNBytes(length));
    }
}
