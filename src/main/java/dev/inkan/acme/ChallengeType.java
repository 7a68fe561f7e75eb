package dev.inkan.acme;

/** The challenge types this server validates. */
public enum ChallengeType {
    /** RFC 8555 §8.3: the key authorization at http://NAME/.well-known/acme-challenge/TOKEN. */
    HTTP_01("http-01"),
    /** RFC 8555 §8.4: base64url(SHA-256(key authorization)) in the TXT record _acme-challenge.NAME. */
    DNS_01("dns-01"),
    /** RFC 8737: a self-signed certificate with the acmeIdentifier extension, negotiated with ALPN acme-tls/1. */
    TLS_ALPN_01("tls-alpn-01");

    private final String id;

    ChallengeType(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
