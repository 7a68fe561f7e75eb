package dev.inkan.web.api;

import dev.inkan.engine.OcspQuery;
import dev.inkan.engine.OcspResponseBuilder;
import dev.inkan.revocation.OcspResponder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The OCSP responder over plain HTTP (RFC 6960 Appendix A, RFC 5019 §5): {@code POST /ocsp} with a DER
 * {@code application/ocsp-request} body, or {@code GET /ocsp/{url-encoded base64 of the DER}}. Public, no
 * login, no session. A servlet filter ahead of the security chain: the answer needs no identity, and a
 * request that is mostly base64 ({@code /}, {@code +}, {@code %2F}) would trip the URL firewall meant for pages.
 * Bad input gets {@code malformedRequest}, an oversized body 413; nothing here answers 500.
 */
class OcspEndpoint extends OncePerRequestFilter {

    static final String OCSP_RESPONSE = "application/ocsp-response";
    private static final Logger log = LoggerFactory.getLogger(OcspEndpoint.class);
    /** The longest GET path accepted: base64 of {@link OcspQuery#MAX_BYTES}, percent-encoded at worst. */
    private static final int MAX_GET_PATH = OcspQuery.MAX_BYTES * 4;

    private final OcspResponder responder;

    OcspEndpoint(OcspResponder responder) {
        this.responder = responder;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !(path.equals("/ocsp") || path.startsWith("/ocsp/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff"); // as Spring Security sets it on every other answer
        try {
            switch (request.getMethod()) {
                case "POST" -> post(request, response);
                case "GET", "HEAD" -> get(request, response);
                default -> {
                    response.setHeader("Allow", "GET, HEAD, POST");
                    response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
                }
            }
        } catch (RuntimeException e) {
            log.warn("OCSP request failed: {}", e.toString());
            write(response, HttpServletResponse.SC_OK, OcspResponseBuilder.error(OcspResponseBuilder.Error.INTERNAL_ERROR));
        }
    }

    private void post(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getContentLengthLong() > OcspQuery.MAX_BYTES) {
            response.setHeader("Connection", "close");
            write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, OcspResponseBuilder.error(OcspResponseBuilder.Error.MALFORMED_REQUEST));
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(OcspQuery.MAX_BYTES + 1);
        }
        if (body.length > OcspQuery.MAX_BYTES) {
            response.setHeader("Connection", "close");
            write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, OcspResponseBuilder.error(OcspResponseBuilder.Error.MALFORMED_REQUEST));
            return;
        }
        OcspResponder.Reply reply = responder.answer(body);
        // RFC 5019 §6: only GET responses are meant for HTTP caches
        response.setHeader("Cache-Control", "no-store");
        write(response, HttpServletResponse.SC_OK, reply.body());
    }

    private void get(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String raw = request.getRequestURI();
        if (raw.length() > MAX_GET_PATH) {
            write(response, 414, OcspResponseBuilder.error(OcspResponseBuilder.Error.MALFORMED_REQUEST));
            return;
        }
        OcspResponder.Reply reply = responder.answerGet(raw.length() > "/ocsp/".length() ? raw.substring("/ocsp/".length()) : "",
                OcspEndpoint::decode);
        if (reply.etag() != null) {
            // RFC 5019 §6.2: max-age below nextUpdate; ETag and Last-Modified for revalidation
            response.setHeader("Cache-Control", cacheControl(reply));
            response.setHeader("ETag", reply.etag());
            response.setDateHeader("Last-Modified", reply.producedAt().toEpochMilli());
            response.setDateHeader("Expires", reply.nextUpdate().toEpochMilli());
            if (reply.etag().equals(request.getHeader("If-None-Match"))) {
                response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
                return;
            }
        } else {
            response.setHeader("Cache-Control", "no-store");
        }
        write(response, HttpServletResponse.SC_OK, reply.body());
    }

    /** RFC 5019 §6.2: cacheable until the response's nextUpdate, revalidated after. */
    static String cacheControl(OcspResponder.Reply reply) {
        long maxAge = Math.max(0, Duration.between(Instant.now(), reply.nextUpdate()).toSeconds());
        return "max-age=" + maxAge + ", public, no-transform, must-revalidate";
    }

    /** The DER of a GET request: percent-decoded, then base64 (RFC 6960 App. A.1); unreadable gives an empty array. */
    static byte[] decode(String path) {
        try {
            String base64 = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.US_ASCII);
            return Base64.getMimeDecoder().decode(base64.replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static void write(HttpServletResponse response, int status, byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType(OCSP_RESPONSE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
