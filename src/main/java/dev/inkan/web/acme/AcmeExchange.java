package dev.inkan.web.acme;

import dev.inkan.acme.AcmeError;
import dev.inkan.acme.AcmeProblem;
import dev.inkan.acme.AcmeResponse;
import dev.inkan.acme.NonceStore;
import dev.inkan.acme.TrustedProxies;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The HTTP side every ACME response shares: the external URL (X-Forwarded-Proto/Host from a trusted proxy), a capped
 * body, and on every answer a fresh Replay-Nonce (RFC 8555 §6.5), {@code Link: <directory>;rel="index"} (§7.1)
 * and {@code Cache-Control: no-store}.
 */
@Component
public class AcmeExchange {

    static final int MAX_BODY = 64 * 1024;
    private static final Pattern CA_PATH = Pattern.compile("^/acme/(\\d+)/");
    private final NonceStore nonces;
    private final TrustedProxies proxies;

    AcmeExchange(NonceStore nonces, TrustedProxies proxies) {
        this.nonces = nonces;
        this.proxies = proxies;
    }

    /** scheme://host[:port] as the client addressed this server; forwarded headers count only from a trusted proxy. */
    String base(HttpServletRequest request) {
        boolean proxied = proxies.trusts(request.getRemoteAddr());
        String proto = proxied ? first(request.getHeader("X-Forwarded-Proto")) : null;
        String host = proxied ? first(request.getHeader("X-Forwarded-Host")) : null;
        if (host == null) {
            host = request.getHeader("Host");
        }
        if (host == null) {
            host = request.getServerName() + ":" + request.getServerPort();
        }
        return (proto == null ? request.getScheme() : proto) + "://" + host;
    }

    /** The URL the JWS must name: the external base plus the path (no query). */
    String url(HttpServletRequest request) {
        return base(request) + request.getRequestURI();
    }

    static byte[] body(HttpServletRequest request) {
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new AcmeProblem(AcmeError.MALFORMED, 413, "the request is larger than " + MAX_BODY + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw new AcmeProblem(AcmeError.MALFORMED, "the request body cannot be read: " + e.getMessage());
        }
    }

    ResponseEntity<Object> respond(HttpServletRequest request, AcmeResponse response) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(response.status()).headers(headers(request));
        if (response.location() != null) {
            builder.header(HttpHeaders.LOCATION, response.location());
        }
        if (response.up() != null) {
            builder.header(HttpHeaders.LINK, "<" + response.up() + ">;rel=\"up\"");
        }
        if (response.retryAfter() > 0) {
            builder.header(HttpHeaders.RETRY_AFTER, String.valueOf(response.retryAfter()));
        }
        if (response.pem()) {
            return builder.contentType(MediaType.parseMediaType("application/pem-certificate-chain")).body(response.body());
        }
        boolean problem = response.status() >= 400;
        return builder.contentType(problem ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON).body(response.body());
    }

    ResponseEntity<Object> problem(HttpServletRequest request, AcmeProblem problem) {
        return ResponseEntity.status(problem.status()).headers(headers(request)).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem.body());
    }

    HttpHeaders headers(HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Replay-Nonce", nonces.issue());
        headers.setCacheControl("no-store");
        Matcher matcher = CA_PATH.matcher(request.getRequestURI());
        String directory = matcher.find() ? base(request) + "/acme/" + matcher.group(1) + "/directory" : base(request) + "/acme/directory";
        headers.add(HttpHeaders.LINK, "<" + directory + ">;rel=\"index\"");
        return headers;
    }

    private static String first(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).strip();
    }
}
