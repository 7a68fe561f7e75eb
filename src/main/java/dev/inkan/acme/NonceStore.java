package dev.inkan.acme;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Replay nonces (RFC 8555 §6.5) in the database, so that any instance redeems a nonce another one gave out.
 * A nonce is redeemed by one DELETE: an update count of 1 means it was fresh, 0 that it was used or never given.
 */
@Component
public class NonceStore {

    private static final Duration LIFETIME = Duration.ofHours(1);
    private final SecureRandom random = new SecureRandom();
    private final JdbcClient jdbc;
    private final Clock clock;
    private final int rejectPercent;
    private final java.util.concurrent.atomic.AtomicLong goodRedemptions = new java.util.concurrent.atomic.AtomicLong();
    private volatile Instant lastPurge = Instant.EPOCH;

    NonceStore(JdbcClient jdbc, Clock clock, AcmeProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.rejectPercent = Math.max(0, Math.min(100, properties.testNonceRejectPercent()));
    }

    /** A new nonce: 128 random bits, base64url (RFC 8555 §6.5.1). */
    public String issue() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO acme_nonce (nonce_value, created_at) VALUES (?, ?)").params(nonce, Timestamp.from(now)).update();
        if (now.isAfter(lastPurge.plusSeconds(60))) {
            lastPurge = now;
            jdbc.sql("DELETE FROM acme_nonce WHERE created_at < ?").param(Timestamp.from(now.minus(LIFETIME))).update();
        }
        return nonce;
    }

    /** Redeems a nonce once; anything else is badNonce, and the client retries with the fresh nonce of the error. */
    public void redeem(String nonce) {
        if (nonce == null || nonce.isEmpty() || nonce.length() > 64) {
            throw new AcmeProblem(AcmeError.BAD_NONCE, "the JWS protected header needs the \"nonce\" from the last Replay-Nonce header;"
                    + " get one with HEAD newNonce");
        }
        int deleted = jdbc.sql("DELETE FROM acme_nonce WHERE nonce_value = ? AND created_at >= ?")
                .params(nonce, Timestamp.from(clock.instant().minus(LIFETIME))).update();
        if (deleted != 1) {
            throw new AcmeProblem(AcmeError.BAD_NONCE, "the nonce was already used, has expired or was never given out; retry with the nonce"
                    + " of this response's Replay-Nonce header");
        }
        // Tests only: every (100 / percent)-th good nonce is refused, evenly spread rather than at random, so a
        // client that retries a badNonce once (certbot's acme library) meets the share without two in a row.
        if (rejectPercent > 0 && goodRedemptions.incrementAndGet() % Math.max(1, 100 / rejectPercent) == 0) {
            throw new AcmeProblem(AcmeError.BAD_NONCE, "the nonce was refused (test setting inkan.acme.test-nonce-reject-percent); retry with"
                    + " the nonce of this response's Replay-Nonce header");
        }
    }
}
