package dev.inkan.acme;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;
import org.springframework.stereotype.Component;

/**
 * Checks an ACME request's JWS as RFC 8555 §6.2-6.4 asks: content type {@code application/jose+json},
 * flattened JSON, an asymmetric algorithm (never {@code none} or a MAC), a fresh nonce, {@code url} equal to
 * the URL requested, exactly one of {@code jwk} and {@code kid}, and a signature that verifies (jose4j).
 */
@Component
public class JwsVerifier {

    /** The algorithms accepted for account keys (RFC 8555 §6.2: MUST support ES256, SHOULD EdDSA). */
    public static final List<String> ALGORITHMS = List.of(AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384,
            AlgorithmIdentifiers.RSA_USING_SHA512, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
            AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384, AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512,
            AlgorithmIdentifiers.EDDSA);

    /** Which key identification a resource takes (RFC 8555 §6.2). */
    public enum KeyMode { JWK, KID, EITHER }

    private final NonceStore nonces;
    private final AccountStore accounts;

    JwsVerifier(NonceStore nonces, AccountStore accounts) {
        this.nonces = nonces;
        this.accounts = accounts;
    }

    public SignedRequest verify(AcmeUrls urls, String url, String contentType, byte[] body, KeyMode mode) {
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/jose+json")) {
            throw new AcmeProblem(AcmeError.MALFORMED, 415, "send the JWS with Content-Type: application/jose+json (RFC 8555 §6.2)");
        }
        Flattened jws = Flattened.parse(body);
        Map<String, Object> header = jws.header();
        Object alg = header.get("alg");
        if (!(alg instanceof String algorithm) || !ALGORITHMS.contains(algorithm)) {
            throw AcmeProblem.badSignatureAlgorithm("the JWS algorithm '" + alg + "' is not accepted (never none or a MAC);"
                    + " sign with one of " + ALGORITHMS, ALGORITHMS);
        }
        nonces.redeem(header.get("nonce") instanceof String nonce ? nonce : null);
        if (!url.equals(header.get("url"))) {
            throw new AcmeProblem(AcmeError.UNAUTHORIZED, 401, "the JWS \"url\" header is '" + header.get("url") + "' but this request went to '"
                    + url + "'; sign the URL you send to (RFC 8555 §6.4)");
        }
        Object jwkMember = header.get("jwk");
        Object kid = header.get("kid");
        if ((jwkMember == null) == (kid == null)) {
            throw new AcmeProblem(AcmeError.MALFORMED, "the JWS protected header needs exactly one of \"jwk\" and \"kid\" (RFC 8555 §6.2)");
        }
        PublicJsonWebKey jwk = null;
        AcmeAccount account = null;
        if (jwkMember != null) {
            if (mode == KeyMode.KID) {
                throw new AcmeProblem(AcmeError.MALFORMED, "this resource needs the account URL as \"kid\", not a \"jwk\" (RFC 8555 §6.2)");
            }
            jwk = publicKey(jwkMember);
        } else {
            if (mode == KeyMode.JWK) {
                throw new AcmeProblem(AcmeError.MALFORMED, "newAccount is signed with the new key given as \"jwk\", not a \"kid\" (RFC 8555 §7.3)");
            }
            long id = urls.accountId(String.valueOf(kid));
            account = (id < 0 ? null : accounts.find(id).filter(a -> a.caId() == urls.caId()).orElse(null));
            if (account == null) {
                throw new AcmeProblem(AcmeError.ACCOUNT_DOES_NOT_EXIST, "no account '" + kid + "' in this directory; create one with newAccount");
            }
            if (account.status() != AcmeStatus.VALID) {
                throw new AcmeProblem(AcmeError.UNAUTHORIZED, "the account is " + account.status().id() + "; create a new account to continue");
            }
            jwk = publicKey(Flattened.json(account.jwk(), "stored account key"));
        }
        String payload = jws.verify(algorithm, jwk);
        Map<String, Object> parsed = payload.isEmpty() ? Map.of() : Flattened.json(payload, "payload");
        return new SignedRequest(header, payload, parsed, jwk, account);
    }

    /** Verifies a JWS nested in a payload (keyChange's inner JWS, RFC 8555 §7.3.5), which carries no nonce. */
    public static Flattened nested(Object member) {
        if (!(member instanceof Map<?, ?>)) {
            throw new AcmeProblem(AcmeError.MALFORMED, "the payload must be a JWS in flattened JSON form");
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> map = (Map<String, ?>) member;
        return Flattened.parse(JsonUtil.toJson(map).getBytes(StandardCharsets.UTF_8));
    }

    static PublicJsonWebKey publicKey(Object member) {
        if (!(member instanceof Map<?, ?> map)) {
            throw new AcmeProblem(AcmeError.MALFORMED, "\"jwk\" must be a JSON Web Key object (RFC 7517)");
        }
        try {
            @SuppressWarnings("unchecked")
            JsonWebKey key = JsonWebKey.Factory.newJwk((Map<String, Object>) map);
            if (!(key instanceof PublicJsonWebKey publicKey) || publicKey.getPrivateKey() != null) {
                throw new AcmeProblem(AcmeError.MALFORMED, "\"jwk\" must be a public RSA, EC or OKP key, without private parts");
            }
            return publicKey;
        } catch (JoseException | RuntimeException e) {
            if (e instanceof AcmeProblem problem) {
                throw problem;
            }
            throw new AcmeProblem(AcmeError.BAD_PUBLIC_KEY, "the JWK cannot be read: " + e.getMessage());
        }
    }

    /** A JWS in flattened JSON serialization (RFC 7515 §7.2.2). */
    public record Flattened(String protectedPart, String payloadPart, String signaturePart, Map<String, Object> header) {

        static Flattened parse(byte[] body) {
            Map<String, Object> json = json(new String(body, StandardCharsets.UTF_8), "request body");
            if (!(json.get("protected") instanceof String p) || !(json.get("payload") instanceof String pl)
                    || !(json.get("signature") instanceof String s)) {
                throw new AcmeProblem(AcmeError.MALFORMED, "the body must be a flattened JWS: {\"protected\", \"payload\", \"signature\"} (RFC 8555 §6.2)");
            }
            if (json.containsKey("header")) {
                throw new AcmeProblem(AcmeError.MALFORMED, "the JWS must not carry an unprotected \"header\" (RFC 8555 §6.2)");
            }
            String headerText;
            try {
                headerText = new String(Base64.getUrlDecoder().decode(p), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new AcmeProblem(AcmeError.MALFORMED, "the JWS \"protected\" member is not base64url");
            }
            return new Flattened(p, pl, s, json(headerText, "protected header"));
        }

        /** Verifies with {@code key} under {@code algorithm}; returns the payload text. */
        public String verify(String algorithm, JsonWebKey key) {
            try {
                JsonWebSignature jws = new JsonWebSignature();
                jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, algorithm));
                jws.setCompactSerialization(protectedPart + "." + payloadPart + "." + signaturePart);
                jws.setKey(key instanceof PublicJsonWebKey pub ? pub.getPublicKey() : key.getKey());
                if (!jws.verifySignature()) {
                    throw new AcmeProblem(AcmeError.MALFORMED, "the JWS signature does not verify with the key it names");
                }
                return jws.getUnverifiedPayload();
            } catch (JoseException e) {
                throw new AcmeProblem(AcmeError.MALFORMED, "the JWS cannot be verified: " + e.getMessage());
            }
        }

        static Map<String, Object> json(String text, String what) {
            try {
                return JsonUtil.parseJson(text);
            } catch (JoseException | RuntimeException e) {
                throw new AcmeProblem(AcmeError.MALFORMED, "the " + what + " is not a JSON object");
            }
        }
    }
}
