package dev.inkan.acme;

import dev.inkan.authority.MasterKey;
import dev.inkan.engine.NotFoundException;
import dev.inkan.engine.InvalidInputException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jose4j.jwk.OctetSequenceJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwk.PublicJsonWebKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * External Account Binding keys: made, listed and revoked by the admin; checked when an account is created
 * (RFC 8555 §7.3.4: an HS256 JWS over the account's JWK, keyed by the kid's HMAC key, {@code url} = newAccount).
 */
@Service
public class EabKeys {

    private static final List<String> MAC_ALGORITHMS = List.of(AlgorithmIdentifiers.HMAC_SHA256, AlgorithmIdentifiers.HMAC_SHA384,
            AlgorithmIdentifiers.HMAC_SHA512);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private final SecureRandom random = new SecureRandom();
    private final JdbcClient jdbc;
    private final MasterKey masterKey;
    private final Clock clock;

    EabKeys(JdbcClient jdbc, MasterKey masterKey, Clock clock) {
        this.jdbc = jdbc;
        this.masterKey = masterKey;
        this.clock = clock;
    }

    public EabKey.Created create(long caId, String label) {
        String name = label == null || label.isBlank() ? "eab key" : label.strip();
        if (name.length() > 128) {
            throw new InvalidInputException("label", "the label is at most 128 characters");
        }
        String kid = BASE64URL.encodeToString(randomForCommandLines(random, 12));
        byte[] hmac = randomForCommandLines(random, 32);
        jdbc.sql("INSERT INTO acme_eab_key (kid, ca_id, label, hmac_sealed, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(kid, caId, name, masterKey.seal(hmac, context(kid)), Timestamp.from(clock.instant())).update();
        return new EabKey.Created(kid, BASE64URL.encodeToString(hmac), name);
    }

    /**
     * Random bytes whose base64url text does not begin with '-': typed after {@code --eab-kid} or
     * {@code --eab-hmac-key}, such a value is read as an option by certbot, lego and acme.sh (one draw in 64 was).
     */
    static byte[] randomForCommandLines(Random random, int length) {
        byte[] bytes = new byte[length];
        do {
            random.nextBytes(bytes);
        } while (BASE64URL.encodeToString(bytes).startsWith("-"));
        return bytes;
    }

    public List<EabKey> list(long caId) {
        return jdbc.sql("SELECT kid, ca_id, label, created_at, revoked_at, account_id FROM acme_eab_key WHERE ca_id = ? ORDER BY created_at")
                .param(caId).query((rs, n) -> new EabKey(rs.getString("kid"), rs.getLong("ca_id"), rs.getString("label"),
                        rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("revoked_at") == null ? null
                        : rs.getTimestamp("revoked_at").toInstant(), rs.getObject("account_id") == null ? null : rs.getLong("account_id")))
                .list();
    }

    /** Revokes a key: no new account can bind with it (accounts already bound stay). */
    public void revoke(long caId, String kid) {
        int updated = jdbc.sql("UPDATE acme_eab_key SET revoked_at = ? WHERE kid = ? AND ca_id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(clock.instant()), kid, caId).update();
        if (updated == 0) {
            throw new NotFoundException("kid", "no unrevoked EAB key '" + dev.inkan.engine.RequestRejectedException.abbreviate(kid)
                    + "' for CA " + caId + "; list them with GET /api/v1/cas/" + caId + "/acme/eab-keys");
        }
    }

    /** Checks a newAccount's externalAccountBinding and returns its kid (RFC 8555 §7.3.4). */
    String verify(long caId, Object binding, PublicJsonWebKey accountKey, String newAccountUrl) {
        JwsVerifier.Flattened jws = JwsVerifier.nested(binding);
        Map<String, Object> header = jws.header();
        if (!(header.get("alg") instanceof String alg) || !MAC_ALGORITHMS.contains(alg)) {
            throw AcmeProblem.badSignatureAlgorithm("the externalAccountBinding must be signed with a MAC: " + MAC_ALGORITHMS, MAC_ALGORITHMS);
        }
        if (header.containsKey("nonce") || !newAccountUrl.equals(header.get("url")) || !(header.get("kid") instanceof String kid)) {
            throw new AcmeProblem(AcmeError.MALFORMED, "the externalAccountBinding header needs \"kid\" and \"url\" = the newAccount URL, and no nonce");
        }
        byte[] sealed = jdbc.sql("SELECT hmac_sealed FROM acme_eab_key WHERE kid = ? AND ca_id = ? AND revoked_at IS NULL AND account_id IS NULL")
                .params(kid, caId).query(byte[].class).optional().orElseThrow(() -> new AcmeProblem(AcmeError.UNAUTHORIZED, 
                        "the EAB key '" + kid + "' is unknown, revoked or already used; ask the admin for a new one"));
        byte[] hmac = masterKey.open(sealed, context(kid));
        String payload = jws.verify(alg, new OctetSequenceJsonWebKey(new javax.crypto.spec.SecretKeySpec(hmac, "HmacSHA256")));
        Map<String, Object> bound = JwsVerifier.Flattened.json(payload, "externalAccountBinding payload");
        if (!JwsVerifier.publicKey(bound).getPublicKey().equals(accountKey.getPublicKey())) {
            throw new AcmeProblem(AcmeError.UNAUTHORIZED, "the externalAccountBinding is over another key than the account's");
        }
        return kid;
    }

    /** Binds a key to the account made with it; false when another account took it first. */
    boolean bind(String kid, long accountId) {
        return jdbc.sql("UPDATE acme_eab_key SET account_id = ? WHERE kid = ? AND account_id IS NULL").params(accountId, kid).update() == 1;
    }

    private static String context(String kid) {
        return "acme-eab:" + kid;
    }
}
