package dev.inkan.acme;

/**
 * The URLs of one CA's ACME directory as the client sees them: {@code base} is the external
 * scheme://host[:port] (behind a proxy, from X-Forwarded-Proto/Host), so that the JWS {@code url} header
 * can be checked against exactly what the client was told (RFC 8555 §6.4).
 */
public record AcmeUrls(String base, long caId, boolean defaultCa) {

    public String directory() {
        return defaultCa ? base + "/acme/directory" : prefix() + "/directory";
    }

    public String prefix() {
        return base + "/acme/" + caId;
    }

    public String newNonce() {
        return prefix() + "/new-nonce";
    }

    public String newAccount() {
        return prefix() + "/new-account";
    }

    public String newOrder() {
        return prefix() + "/new-order";
    }

    public String revokeCert() {
        return prefix() + "/revoke-cert";
    }

    public String keyChange() {
        return prefix() + "/key-change";
    }

    public String account(long id) {
        return prefix() + "/acct/" + id;
    }

    public String order(long id) {
        return prefix() + "/order/" + id;
    }

    public String orders(long accountId) {
        return prefix() + "/acct/" + accountId + "/orders";
    }

    public String finalizeOrder(long id) {
        return prefix() + "/order/" + id + "/finalize";
    }

    public String authorization(long id) {
        return prefix() + "/authz/" + id;
    }

    public String challenge(long id) {
        return prefix() + "/chall/" + id;
    }

    public String certificate(long id) {
        return prefix() + "/cert/" + id;
    }

    /** The account id in a {@code kid} URL of this directory, or -1 when the URL is not one. */
    public long accountId(String kid) {
        String start = prefix() + "/acct/";
        if (kid == null || !kid.startsWith(start)) {
            return -1;
        }
        try {
            return Long.parseLong(kid.substring(start.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
