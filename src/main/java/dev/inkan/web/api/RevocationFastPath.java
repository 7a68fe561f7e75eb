package dev.inkan.web.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.coyote.Adapter;
import org.apache.coyote.Request;
import org.apache.coyote.Response;
import org.apache.tomcat.util.http.MimeHeaders;
import org.apache.tomcat.util.net.SocketEvent;

/**
 * {@link CachedRevocationAnswers} straight from Tomcat's HTTP/1.1 processor on the plain-HTTP connector, for the
 * requests {@link InlineRevocationEndpoint} leaves to Tomcat (e.g. HTTP/1.0, a {@code Connection: keep-alive}): the
 * request skips the servlet container (mapping, valves, filter chain, Spring Security, session, observation), which
 * costs more than the answer. Anything else goes on to the next adapter unchanged, where {@link OcspEndpoint} and
 * {@link CrlController} answer and fill the caches. No session, no cookie; headers written as bytes.
 */
record RevocationFastPath(Adapter next, CachedRevocationAnswers answers) implements Adapter {

    @Override
    public void service(Request request, Response response) throws Exception {
        if (!request.method().equals("GET") || !answered(request, response)) {
            next.service(request, response);
        }
    }

    private boolean answered(Request request, Response response) throws IOException {
        if (response.getStatus() != 200) {
            return false; // Tomcat refused the request head already (e.g. 400, too large) and lets the container report it
        }
        String path = request.requestURI().toString(); // as sent: OCSP paths are keyed undecoded, CRL paths are plain ASCII
        if (path == null) {
            return false;
        }
        CachedRevocationAnswers.Answer answer = answers.get(path, request.getHeader("If-None-Match"),
                request.getHeader("If-Modified-Since") != null, request.getHeader("Authorization") != null);
        if (answer == null) {
            return false;
        }
        MimeHeaders headers = response.getMimeHeaders();
        String[] pairs = answer.headers();
        for (int i = 0; i < pairs.length; i += 2) {
            header(headers, pairs[i], pairs[i + 1]);
        }
        response.setStatus(answer.status());
        answer.sent().increment();
        if (answer.body() != null) {
            response.setContentLength(answer.body().length);
            response.doWrite(ByteBuffer.wrap(answer.body()));
        }
        return true;
    }

    /** A header as bytes: Tomcat would otherwise encode every name and value through a CharsetEncoder on each answer. */
    private static void header(MimeHeaders headers, String name, String value) {
        byte[] n = name.getBytes(StandardCharsets.ISO_8859_1);
        byte[] v = value.getBytes(StandardCharsets.ISO_8859_1);
        headers.addValue(n, 0, n.length).setBytes(v, 0, v.length);
    }

    @Override
    public boolean prepare(Request request, Response response) throws Exception {
        return next.prepare(request, response);
    }

    @Override
    public boolean asyncDispatch(Request request, Response response, SocketEvent status) throws Exception {
        return next.asyncDispatch(request, response, status);
    }

    @Override
    public void log(Request request, Response response, long time) {
        next.log(request, response, time);
    }

    @Override
    public void checkRecycled(Request request, Response response) {
        next.checkRecycled(request, response);
    }

    @Override
    public String getDomain() {
        return next.getDomain();
    }
}
