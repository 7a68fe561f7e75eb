package dev.inkan.acme;

import java.util.Base64;
import java.util.Map;
import org.jose4j.jwk.PublicJsonWebKey;

/**
 * A request whose JWS (RFC 7515, flattened JSON) verified: its protected header, the payload (empty for
 * POST-as-GET, RFC 8555 §6.3), and who signed it: an account ({@code kid}) or a bare key ({@code jwk}).
 */
public record SignedRequest(Map<String, Object> header, String payloadText, Map<String, Object> payload, PublicJsonWebKey jwk,
                            AcmeAccount account) {

    /** POST-as-GET: the payload is the empty string. */
    public boolean postAsGet() {
        return payloadText.isEmpty();
    }

    public AcmeAccount requireAccount() {
        if (account == null) {
            throw new AcmeProblem(AcmeError.MALFORMED, "this request must be signed with the account key and name the account URL as \"kid\"");
        }
        return account;
    }

    /** A payload member that carries DER in base64url ({@code csr}, {@code certificate}; RFC 8555 §7.4, §7.6). */
    public byte[] der(String member) {
        if (!(payload.get(member) instanceof String text) || text.isEmpty()) {
            throw new AcmeProblem(AcmeError.MALFORMED, "\"" + member + "\" must be base64url DER");
        }
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new AcmeProblem(AcmeError.MALFORMED, "\"" + member + "\" is not base64url (RFC 8555 §7.4: no padding, URL alphabet)");
        }
    }
}
