package dev.inkan.web.api;

import dev.inkan.revocation.CrlPublisher;
import dev.inkan.revocation.OcspResponder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.tomcat.util.http.FastHttpDateFormat;

/**
 * The answers of the public revocation endpoints that already exist in memory: {@code GET /ocsp/{base64}} answered
 * before (RFC 5019 §5: clients and caches repeat the same URL) and {@code GET /crl/{caId}.crl|.pem} confirmed the latest
 * moments ago. The same headers as {@link OcspEndpoint} and {@link CrlController} write, in their order; a request this
 * class is not sure of (not cached or not fresh, a conditional CRL request, a credential) has no answer here and goes
 * to the servlet path, which answers it and fills the caches. Counted in
 * {@code inkan_revocation_cached_answers_total{endpoint}} when sent.
 */
record CachedRevocationAnswers(OcspResponder ocsp, CrlPublisher crls, Counter ocspAnswers, Counter crlAnswers) {

    private static final String OCSP_PREFIX = "/ocsp/";
    private static final String CRL_PREFIX = "/crl/";
    /** The headers Spring Security adds to every answer (nosniff matters for binary bodies that browsers may fetch). */
    private static final String[] SECURITY_HEADERS = {"X-Content-Type-Options", "nosniff", "X-XSS-Protection", "0",
            "X-Frame-Options", "DENY"};

    /**
     * One answer: its status, its header names and values in pairs (Content-Length and Date are the writer's), the body
     * ({@code null} for 304) and the counter to count it in once sent.
     */
    record Answer(int status, String[] headers, byte[] body, Counter sent) {

        /** The HTTP/1.1 status line and header section (RFC 9112 §4, §5) as Tomcat writes them. */
        byte[] head(boolean close) {
            StringBuilder head = new StringBuilder(512).append("HTTP/1.1 ").append(status).append(" \r\n");
            for (int i = 0; i < headers.length; i += 2) {
                head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("Date: ").append(FastHttpDateFormat.getCurrentDate()).append("\r\n");
            if (close) {
                head.append("Connection: close\r\n");
            }
            return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    static CachedRevocationAnswers of(OcspResponder ocsp, CrlPublisher crls, MeterRegistry registry) {
        return new CachedRevocationAnswers(ocsp, crls, counter(registry, "ocsp"), counter(registry, "crl"));
    }

    private static Counter counter(MeterRegistry registry, String endpoint) {
        return Counter.builder("inkan.revocation.cached.answers").tag("endpoint", endpoint)
                .description("Revocation answers sent from memory ahead of the servlet container").register(registry);
    }

    /**
     * The answer to {@code GET path} ({@code path} as sent: undecoded, without a query), or {@code null} when the
     * servlet path must answer.
     */
    Answer get(String path, String ifNoneMatch, boolean ifModifiedSince, boolean authorization) {
        if (path.startsWith(OCSP_PREFIX)) {
            return ocsp(path.substring(OCSP_PREFIX.length()), ifNoneMatch);
        }
        if (path.startsWith(CRL_PREFIX) && ifNoneMatch == null && !ifModifiedSince && !authorization) {
            return crl(path);
        }
        return null;
    }

    /** As {@link OcspEndpoint}: RFC 5019 §6.2 caching headers, 304 when the client's ETag matches. */
    private Answer ocsp(String encoded, String ifNoneMatch) {
        OcspResponder.Reply reply = ocsp.cachedGet(encoded);
        if (reply == null) {
            return null;
        }
        String cacheControl = OcspEndpoint.cacheControl(reply);
        String lastModified = FastHttpDateFormat.formatDate(reply.producedAt().toEpochMilli());
        String expires = FastHttpDateFormat.formatDate(reply.nextUpdate().toEpochMilli());
        if (reply.etag().equals(ifNoneMatch)) {
            return new Answer(304, withSecurityHeaders("Cache-Control", cacheControl, "ETag", reply.etag(),
                    "Last-Modified", lastModified, "Expires", expires), null, ocspAnswers);
        }
        return new Answer(200, withSecurityHeaders("Cache-Control", cacheControl, "ETag", reply.etag(), "Last-Modified",
                lastModified, "Expires", expires, "Content-Type", OcspEndpoint.OCSP_RESPONSE), reply.body(), ocspAnswers);
    }

    /** As {@link CrlController}. */
    private Answer crl(String path) {
        boolean der = path.endsWith(".crl");
        if (!der && !path.endsWith(".pem")) {
            return null;
        }
        String id = path.substring(CRL_PREFIX.length(), path.length() - 4);
        if (id.isEmpty() || id.length() > 18 || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        Optional<CrlPublisher.PublishedCrl> recent = crls.recent(Long.parseLong(id));
        if (recent.isEmpty()) {
            return null;
        }
        CrlPublisher.PublishedCrl crl = recent.get();
        return new Answer(200, withSecurityHeaders(
                "Cache-Control", "max-age=" + CrlController.maxAgeSeconds(crl.info().nextUpdate()) + ", public",
                "Last-Modified", FastHttpDateFormat.formatDate(crl.info().thisUpdate().toEpochMilli()),
                "ETag", CrlController.etag(crl.info().number()),
                "Content-Type", der ? CrlController.PKIX_CRL.toString() : CrlController.PEM_FILE),
                der ? crl.der() : crl.pem().getBytes(StandardCharsets.US_ASCII), crlAnswers);
    }

    /** The caching headers, then Spring Security's, then Content-Type if given (last pair): the servlet path's order. */
    private static String[] withSecurityHeaders(String... headers) {
        boolean typed = headers[headers.length - 2].equals("Content-Type");
        int caching = typed ? headers.length - 2 : headers.length;
        String[] all = new String[headers.length + SECURITY_HEADERS.length];
        System.arraycopy(headers, 0, all, 0, caching);
        System.arraycopy(SECURITY_HEADERS, 0, all, caching, SECURITY_HEADERS.length);
        if (typed) {
            all[all.length - 2] = headers[caching];
            all[all.length - 1] = headers[caching + 1];
        }
        return all;
    }
}
