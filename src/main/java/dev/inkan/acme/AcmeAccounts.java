package dev.inkan.acme;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * ACME accounts: newAccount with contact, {@code onlyReturnExisting} and External Account Binding (RFC 8555 §7.3),
 * update and deactivation (§7.3.2, §7.3.6), and key rollover (keyChange, §7.3.5).
 */
@Service
public record AcmeAccounts(AccountStore accounts, AcmeDirectory directory, EabKeys eabKeys, TransactionTemplate transactions, Clock clock) {

    public List<AcmeAccount> list(long caId) {
        directory.settings(caId);
        return accounts.list(caId);
    }

    public AcmeResponse newAccount(AcmeUrls urls, SignedRequest request) {
        DirectorySettings settings = directory.requireEnabled(urls);
        String thumbprint = thumbprint(request.jwk());
        var existing = accounts.findByThumbprint(urls.caId(), thumbprint);
        if (existing.isPresent()) {
            AcmeAccount account = existing.get();
            if (account.status() != AcmeStatus.VALID) {
                throw new AcmeProblem(AcmeError.UNAUTHORIZED, "the account of this key is " + account.status().id() + "; use a new key");
            }
            return AcmeResponse.json(200, view(urls, account)).at(urls.account(account.id()));
        }
        if (Boolean.TRUE.equals(request.payload().get("onlyReturnExisting"))) {
            throw new AcmeProblem(AcmeError.ACCOUNT_DOES_NOT_EXIST,
                    "no account exists for this key; send newAccount without onlyReturnExisting to create one");
        }
        List<String> contact = contact(request.payload().get("contact"));
        Object binding = request.payload().get("externalAccountBinding");
        if (binding == null && settings.eabRequired()) {
            throw new AcmeProblem(AcmeError.EXTERNAL_ACCOUNT_REQUIRED, "this directory requires External Account Binding; ask the admin for"
                    + " an EAB key (kid and HMAC key) and pass them to the client (certbot --eab-kid --eab-hmac-key)");
        }
        String kid = binding == null ? null : eabKeys.verify(urls.caId(), binding, request.jwk(), urls.newAccount());
        String jwk = request.jwk().toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        try {
            long id = transactions.execute(status -> {
                long newId = accounts.insert(urls.caId(), thumbprint, jwk, contact, kid, clock.instant());
                if (kid != null && !eabKeys.bind(kid, newId)) {
                    throw new AcmeProblem(AcmeError.UNAUTHORIZED, "the EAB key '" + kid + "' was used by another account just now; ask for a new one");
                }
                return newId;
            });
            return AcmeResponse.json(201, view(urls, accounts.find(id).orElseThrow())).at(urls.account(id));
        } catch (DuplicateKeyException e) {
            AcmeAccount account = accounts.findByThumbprint(urls.caId(), thumbprint).orElseThrow(() -> e);
            return AcmeResponse.json(200, view(urls, account)).at(urls.account(account.id()));
        }
    }

    /** POST to the account URL: read (POST-as-GET), change contact, or deactivate. */
    public AcmeResponse account(AcmeUrls urls, SignedRequest request, long id) {
        AcmeAccount account = request.requireAccount();
        if (account.id() != id) {
            throw new AcmeProblem(AcmeError.UNAUTHORIZED, "an account can read and change only itself");
        }
        Map<String, Object> payload = request.payload();
        if (payload.containsKey("contact")) {
            accounts.updateContact(id, contact(payload.get("contact")));
        }
        if (payload.containsKey("status")) {
            if (!"deactivated".equals(payload.get("status"))) {
                throw new AcmeProblem(AcmeError.MALFORMED, "an account's status can only be set to \"deactivated\" (RFC 8555 §7.3.6)");
            }
            accounts.deactivate(id);
        }
        return AcmeResponse.json(200, view(urls, accounts.find(id).orElseThrow())).at(urls.account(id));
    }

    /** keyChange (RFC 8555 §7.3.5): the inner JWS, signed by the new key, names the account and its old key. */
    public AcmeResponse keyChange(AcmeUrls urls, SignedRequest request) {
        AcmeAccount account = request.requireAccount();
        JwsVerifier.Flattened inner = JwsVerifier.nested(request.payload());
        Map<String, Object> header = inner.header();
        if (!(header.get("alg") instanceof String alg) || !JwsVerifier.ALGORITHMS.contains(alg)) {
            throw AcmeProblem.badSignatureAlgorithm("the inner JWS algorithm '" + header.get("alg") + "' is not accepted", JwsVerifier.ALGORITHMS);
        }
        if (header.containsKey("kid") || header.containsKey("nonce") || !urls.keyChange().equals(header.get("url"))) {
            throw new AcmeProblem(AcmeError.MALFORMED, "the inner JWS needs \"jwk\" (the new key) and \"url\" = keyChange, and no kid or nonce");
        }
        PublicJsonWebKey newKey = JwsVerifier.publicKey(header.get("jwk"));
        Map<String, Object> payload = JwsVerifier.Flattened.json(inner.verify(alg, newKey), "inner payload");
        if (!urls.account(account.id()).equals(payload.get("account"))) {
            throw new AcmeProblem(AcmeError.MALFORMED, "the inner payload's \"account\" must be this account's URL");
        }
        PublicJsonWebKey oldKey = JwsVerifier.publicKey(payload.get("oldKey"));
        if (!oldKey.getPublicKey().equals(request.jwk().getPublicKey())) {
            throw new AcmeProblem(AcmeError.MALFORMED, "the inner payload's \"oldKey\" is not the account's current key");
        }
        String thumbprint = thumbprint(newKey);
        var other = accounts.findByThumbprint(urls.caId(), thumbprint);
        if (other.isPresent()) {
            return AcmeResponse.json(409, new AcmeProblem(AcmeError.MALFORMED, 409, "the new key already belongs to an account").body())
                    .at(urls.account(other.get().id()));
        }
        try {
            if (!accounts.changeKey(account.id(), account.thumbprint(), thumbprint, newKey.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY))) {
                throw new AcmeProblem(AcmeError.MALFORMED, 409, "the account key was changed by another request; retry with the current key");
            }
        } catch (DuplicateKeyException e) {
            throw new AcmeProblem(AcmeError.MALFORMED, 409, "the new key already belongs to an account");
        }
        return AcmeResponse.json(200, view(urls, accounts.find(account.id()).orElseThrow())).at(urls.account(account.id()));
    }

    static String thumbprint(PublicJsonWebKey key) {
        try {
            return key.calculateBase64urlEncodedThumbprint("SHA-256");
        } catch (RuntimeException e) {
            throw new AcmeProblem(AcmeError.BAD_PUBLIC_KEY, "cannot compute the key's thumbprint: " + e.getMessage());
        }
    }

    private static List<String> contact(Object member) {
        if (member == null) {
            return List.of();
        }
        if (!(member instanceof List<?> list) || list.size() > 10) {
            throw new AcmeProblem(AcmeError.MALFORMED, "\"contact\" must be a list of at most 10 mailto: URLs");
        }
        List<String> result = new ArrayList<>();
        for (Object item : list) {
            String text = String.valueOf(item);
            if (!text.startsWith("mailto:")) {
                throw new AcmeProblem(AcmeError.UNSUPPORTED_CONTACT, "only mailto: contacts are supported; '"
                        + dev.inkan.engine.RequestRejectedException.abbreviate(text) + "' is not one");
            }
            if (text.length() > 320 || text.contains(",") || text.contains("?") || !text.substring(7).matches("[^@\\s]+@[^@\\s]+")) {
                throw new AcmeProblem(AcmeError.INVALID_CONTACT, "'" + dev.inkan.engine.RequestRejectedException.abbreviate(text)
                        + "' is not one e-mail address as mailto:name@domain");
            }
            result.add(text);
        }
        return result;
    }

    static Map<String, Object> view(AcmeUrls urls, AcmeAccount account) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", account.status().id());
        body.put("contact", account.contact());
        body.put("orders", urls.orders(account.id()));
        body.put("createdAt", account.createdAt().toString());
        return body;
    }
}
