package dev.inkan.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.inkan.revocation.CrlPublisher;
import dev.inkan.revocation.OcspResponder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.Adapter;
import org.apache.coyote.Request;
import org.apache.coyote.Response;
import org.apache.tomcat.util.net.SocketEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link InlineRevocationEndpoint} in a bare Tomcat connector: which thread looks up and sends a cached answer (the
 * poller), and that a miss reaches the adapter on a worker thread.
 */
class InlineRevocationEndpointTests {

    private static final byte[] OCSP_BODY = {0x30, 0x03, 0x0a, 0x01, 0x00};
    private final List<String> lookups = new CopyOnWriteArrayList<>();
    private final List<String> adapterCalls = new CopyOnWriteArrayList<>();
    private Tomcat tomcat;
    private Connector connector;

    @BeforeEach
    void start() throws Exception {
        OcspResponder ocsp = mock(OcspResponder.class);
        when(ocsp.cachedGet(anyString())).thenAnswer(call -> {
            lookups.add(Thread.currentThread().getName());
            return "cached".equals(call.getArgument(0)) ? new OcspResponder.Reply(OCSP_BODY, true, Instant.now(),
                    Instant.now().plusSeconds(3600), "\"e1\"") : null;
        });
        tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("inline-endpoint").toString());
        connector = new Connector(RevocationHttpProtocol.class.getName());
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("connectionTimeout", "20000");
        tomcat.setConnector(connector);
        tomcat.getHost();
        tomcat.start();
        connector.getProtocolHandler().setAdapter(new WorkerAdapter());
        ((RevocationHttpProtocol) connector.getProtocolHandler()).answerFromMemory(
                CachedRevocationAnswers.of(ocsp, mock(CrlPublisher.class), new SimpleMeterRegistry()));
    }

    @AfterEach
    void stop() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }

    @Test
    void aCachedAnswerIsLookedUpAndSentByThePollerWithoutReachingTheAdapter() throws IOException {
        try (Socket socket = connect()) {
            for (int i = 0; i < 3; i++) {
                socket.getOutputStream().write(get("/ocsp/cached"));
                assertThat(readBody(socket.getInputStream())).isEqualTo(OCSP_BODY);
            }
        }
        assertThat(lookups).hasSize(3).allSatisfy(thread -> assertThat(thread).endsWith("-Poller"));
        assertThat(adapterCalls).isEmpty();
    }

    @Test
    void aMissAndAPostGoToAWorkerThread() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(get("/ocsp/missing"));
            assertThat(new String(readBody(socket.getInputStream()), StandardCharsets.US_ASCII)).isEqualTo("worker");
        }
        try (Socket socket = connect()) {
            socket.getOutputStream().write("POST /ocsp HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(readBody(socket.getInputStream()), StandardCharsets.US_ASCII)).isEqualTo("worker");
        }
        assertThat(adapterCalls).hasSize(2).allSatisfy(thread -> assertThat(thread).contains("-exec-"));
        assertThat(lookups).as("the miss looked up by the poller, then answered by a worker").singleElement()
                .satisfies(thread -> assertThat(thread).endsWith("-Poller"));
    }

    @Test
    void aClientSendingHalfARequestDoesNotHoldUpThePoller() throws IOException {
        try (Socket slow = connect(); Socket other = connect()) {
            slow.getOutputStream().write("GET /ocsp/cac".getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            other.setSoTimeout(3_000); // the connection timeout, the longest a poller waiting for the slow client would, is 20 s
            for (int i = 0; i < 5; i++) {
                other.getOutputStream().write(get("/ocsp/cached"));
                assertThat(readBody(other.getInputStream())).isEqualTo(OCSP_BODY);
            }
            slow.getOutputStream().write("hed HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(readBody(slow.getInputStream()), StandardCharsets.US_ASCII))
                    .as("the partial request went to a worker, which reads the rest").isEqualTo("worker");
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", connector.getLocalPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static byte[] get(String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] readBody(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("response head so far: " + head.toString(StandardCharsets.ISO_8859_1)).isNotNegative();
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("HTTP/1.1 200 ");
        int at = text.indexOf("Content-Length: ") + "Content-Length: ".length();
        return in.readNBytes(Integer.parseInt(text.substring(at, text.indexOf("\r\n", at))));
    }

    /** Stands for the servlet container: answers "worker" and notes the thread. */
    private final class WorkerAdapter implements Adapter {
        @Override
        public void service(Request request, Response response) throws Exception {
            adapterCalls.add(Thread.currentThread().getName());
            response.setStatus(200);
            response.setContentLength(6);
            response.doWrite(ByteBuffer.wrap("worker".getBytes(StandardCharsets.US_ASCII)));
            response.action(org.apache.coyote.ActionCode.CLIENT_FLUSH, null);
        }

        @Override
        public boolean prepare(Request request, Response response) {
            return true;
        }

        @Override
        public boolean asyncDispatch(Request request, Response response, SocketEvent status) {
            return false;
        }

        @Override
        public void log(Request request, Response response, long time) {
        }

        @Override
        public void checkRecycled(Request request, Response response) {
        }

        @Override
        public String getDomain() {
            return "inline-test";
        }
    }
}
