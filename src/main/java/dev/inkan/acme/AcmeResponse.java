package dev.inkan.acme;

/**
 * What an ACME resource answers: status, body (a JSON object, or PEM text), and the headers RFC 8555 gives it.
 *
 * @param location   the Location header (new account, new order), or null
 * @param retryAfter seconds for Retry-After while something is pending or processing (RFC 8555 §7.5.1), or 0
 * @param pem        whether the body is a PEM certificate chain (application/pem-certificate-chain, §7.4.2)
 * @param up         the {@code Link: <url>;rel="up"} target (a challenge's authorization, RFC 8555 §7.5.1), or null
 */
public record AcmeResponse(int status, Object body, String location, int retryAfter, boolean pem, String up) {

    public static AcmeResponse json(int status, Object body) {
        return new AcmeResponse(status, body, null, 0, false, null);
    }

    public static AcmeResponse pemChain(String chain) {
        return new AcmeResponse(200, chain, null, 0, true, null);
    }

    public AcmeResponse at(String url) {
        return new AcmeResponse(status, body, url, retryAfter, pem, up);
    }

    public AcmeResponse retryAfter(int seconds) {
        return new AcmeResponse(status, body, location, seconds, pem, up);
    }

    public AcmeResponse up(String url) {
        return new AcmeResponse(status, body, location, retryAfter, pem, url);
    }
}
