package dev.inkan.web.api;

import dev.inkan.revocation.CrlPublisher;
import dev.inkan.revocation.OcspResponder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.coyote.Adapter;
import org.apache.coyote.Request;
import org.apache.coyote.Response;
import org.apache.tomcat.util.http.FastHttpDateFormat;
import org.apache.tomcat.util.http.MimeHeaders;
import org.apache.tomcat.util.net.SocketEvent;

/**
 * Cached answers of the public revocation endpoints straight from Tomcat's HTTP/1.1 processor, on the plain-HTTP
 * connector: {@code GET /ocsp/{base64}} answered before (RFC 5019 §5: clients and caches repeat the same URL) and
 * {@code GET /crl/{caId}.crl|.pem}. Those bytes exist already, so the request skips the servlet container (mapping,
 * valves, filter chain, Spring Security, session, observation), which cost more than the answer. Anything else, and
 * any request this class is not sure of (not cached or not fresh, conditional CRL requests, a credential), goes on
 * to the next adapter unchanged, where {@link OcspEndpoint} and {@link CrlController} answer and fill the caches.
 * No session, no cookie; headers as on the servlet path, written as bytes.
 */
record RevocationFastPath(Adapter next, OcspResponder ocsp, CrlPublisher crls, Counter ocspAnswers, Counter crlAnswers) implements Adapter {

    private static final String OCSP_PREFIX = "/ocsp/";
    private static final String CRL_PREFIX = "/crl/";
    /** The headers Spring Security adds to every answer (nosniff matters for binary bodies that browsers may fetch). */
    private static final String[][] SECURITY_HEADERS = {{"X-Content-Type-Options", "nosniff"}, {"X-XSS-Protection", "0"},
            {"X-Frame-Options", "DENY"}};

    /** In front of {@code next}, counting its answers in {@code inkan_revocation_cached_answers_total{endpoint}}. */
    static RevocationFastPath of(Adapter next, OcspResponder ocsp, CrlPublisher crls, MeterRegistry registry) {
        return new RevocationFastPath(next, ocsp, crls, answers(registry, "ocsp"), answers(registry, "crl"));
    }

    private static Counter answers(MeterRegistry registry, String endpoint) {
        return Counter.builder("inkan.revocation.cached.answers").tag("endpoint", endpoint)
                .description("Revocation answers sent from memory ahead of the servlet container").register(registry);
    }

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
        if (path.startsWith(OCSP_PREFIX)) {
            return answerOcsp(path.substring(OCSP_PREFIX.length()), request, response);
        }
        if (path.startsWith(CRL_PREFIX)) {
            return answerCrl(path, request, response);
        }
        return false;
    }

    /** As {@link OcspEndpoint}: RFC 5019 §6.2 caching headers, 304 when the client's ETag matches. */
    private boolean answerOcsp(String encoded, Request request, Response response) throws IOException {
        OcspResponder.Reply reply = ocsp.cachedGet(encoded);
        if (reply == null) {
            return false;
        }
        MimeHeaders headers = response.getMimeHeaders();
        header(headers, "Cache-Control", OcspEndpoint.cacheControl(reply));
        header(headers, "ETag", reply.etag());
        header(headers, "Last-Modified", FastHttpDateFormat.formatDate(reply.producedAt().toEpochMilli()));
        header(headers, "Expires", FastHttpDateFormat.formatDate(reply.nextUpdate().toEpochMilli()));
        ocspAnswers.increment();
        if (reply.etag().equals(request.getHeader("If-None-Match"))) {
            securityHeaders(headers);
            response.setStatus(304);
            return true;
        }
        send(response, OcspEndpoint.OCSP_RESPONSE, reply.body());
        return true;
    }

    /** As {@link CrlController}; conditional requests and anything carrying a credential take the servlet path. */
    private boolean answerCrl(String path, Request request, Response response) throws IOException {
        boolean der = path.endsWith(".crl");
        if (!der && !path.endsWith(".pem")) {
            return false;
        }
        String id = path.substring(CRL_PREFIX.length(), path.length() - 4);
        if (id.isEmpty() || id.length() > 18 || !id.chars().allMatch(c -> c >= '0' && c <= '9')
                || request.getHeader("If-None-Match") != null || request.getHeader("If-Modified-Since") != null
                || request.getHeader("Authorization") != null) {
            return false;
        }
        Optional<CrlPublisher.PublishedCrl> recent = crls.recent(Long.parseLong(id));
        if (recent.isEmpty()) {
            return false;
        }
        CrlPublisher.PublishedCrl crl = recent.get();
        MimeHeaders headers = response.getMimeHeaders();
        header(headers, "Cache-Control", "max-age=" + CrlController.maxAgeSeconds(crl.info().nextUpdate()) + ", public");
        header(headers, "Last-Modified", FastHttpDateFormat.formatDate(crl.info().thisUpdate().toEpochMilli()));
        header(headers, "ETag", CrlController.etag(crl.info().number()));
        crlAnswers.increment();
        send(response, der ? CrlController.PKIX_CRL.toString() : CrlController.PEM_FILE,
                der ? crl.der() : crl.pem().getBytes(StandardCharsets.US_ASCII));
        return true;
    }

    private static void send(Response response, String contentType, byte[] body) throws IOException {
        MimeHeaders headers = response.getMimeHeaders();
        securityHeaders(headers);
        header(headers, "Content-Type", contentType);
        response.setStatus(200);
        response.setContentLength(body.length);
        response.doWrite(ByteBuffer.wrap(body));
    }

    private static void securityHeaders(MimeHeaders headers) {
        for (String[] header : SECURITY_HEADERS) {
            header(headers, header[0], header[1]);
        }
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
