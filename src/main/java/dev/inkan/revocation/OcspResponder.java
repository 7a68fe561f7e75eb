package dev.inkan.revocation;

import dev.inkan.authority.CertificateAuthorityService.ActiveCa;
import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.engine.OcspAnswer;
import dev.inkan.engine.OcspQuery;
import dev.inkan.engine.OcspResponseBuilder;
import dev.inkan.issuance.CertificateStatus;
import dev.inkan.issuance.IssuedCertificates;
import dev.inkan.issuance.RevocationReason;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * The OCSP responder (RFC 6960, RFC 5019 profile): good, revoked (time and reason) or unknown for a
 * serial the CA never issued; {@code unauthorized} for a CA not held here; {@code malformedRequest}
 * for anything unreadable. Requests without a nonce about one certificate get a pre-signed response,
 * re-signed after half its validity and dropped as soon as the CA's revocation epoch moves (at once on
 * this instance, within {@code ocsp-epoch-check} for revocations made by another instance).
 */
@Service
public class OcspResponder {

    /**
     * An answer to send: the DER body and, for successful ones, the validity for HTTP caching (RFC 5019 §6).
     *
     * @param etag a strong entity tag of the body, or null for an error or a nonce response
     */
    public record Reply(byte[] body, boolean successful, Instant producedAt, Instant nextUpdate, String etag) {}

    private record Cached(Reply reply, long caId, long epoch, Instant refreshAt) {}

    /** A CA's revocation epoch as read from the database, and when ({@link System#nanoTime}, taken before the read). */
    private record EpochRead(long epoch, long readAt) {}

    /** The caId of an answer that is not kept (an error, a nonce, several certificates). */
    private static final long NOT_CACHED = -1;
    private static final int MAX_CACHED_PATH = 512;

    private final CertificateAuthorityService authorities;
    private final OcspIssuers issuers;
    private final IssuedCertificates ledger;
    private final RevocationState state;
    private final RevocationSettings settings;
    private final OcspSigners signers;
    private final Clock clock;
    private final Map<ByteBuffer, Cached> cache = new ConcurrentHashMap<>();
    /** The same answers by GET path; only short paths (one certificate's request is ~110 characters). */
    private final Map<String, Cached> byPath = new ConcurrentHashMap<>();
    private final Map<Long, EpochRead> epochs = new ConcurrentHashMap<>(); // by CA id

    OcspResponder(CertificateAuthorityService authorities, OcspIssuers issuers, IssuedCertificates ledger, RevocationState state,
                  RevocationSettings settings, OcspSigners signers, Clock clock) {
        this.authorities = authorities;
        this.issuers = issuers;
        this.ledger = ledger;
        this.state = state;
        this.settings = settings;
        this.signers = signers;
        this.clock = clock;
    }

    /** The answer to the DER OCSP request {@code der}; never throws for bad input. */
    public Reply answer(byte[] der) {
        return respond(der).reply();
    }

    /**
     * The answer to {@code GET /ocsp/{encoded}}, {@code encoded} being the request as it came in the path (RFC 6960
     * App. A.1). Clients and caches repeat the very same URL (RFC 5019 §5), so a path answered before from the
     * pre-signed cache is one map lookup: no decoding, no parsing. {@code decoder} turns a new path into DER.
     */
    public Reply answerGet(String encoded, Function<String, byte[]> decoder) {
        Cached known = byPath.get(encoded);
        if (known != null && fresh(known)) {
            return known.reply();
        }
        Cached answered = respond(decoder.apply(encoded));
        if (answered.caId() != NOT_CACHED && encoded.length() <= MAX_CACHED_PATH) {
            bounded(byPath).put(encoded, answered);
        }
        return answered.reply();
    }

    /**
     * The pre-signed answer to {@code GET /ocsp/{encoded}} when this path was answered before and that answer is known
     * fresh from memory alone: not due for re-signing, and its CA's revocation epoch unchanged when last read, less than
     * {@code ocsp-epoch-check} ago. Never reads the database, so Tomcat's poller thread may call it (a slow or unreachable
     * PostgreSQL would otherwise hold up every connection); null otherwise, then {@link #answerGet} decides on a worker.
     */
    public Reply cachedGet(String encoded) {
        Cached known = byPath.get(encoded);
        if (known == null || !clock.instant().isBefore(known.refreshAt())) {
            return null;
        }
        EpochRead read = recentEpoch(known.caId());
        return read != null && read.epoch() == known.epoch() ? known.reply() : null;
    }

    private Cached respond(byte[] der) {
        OcspQuery query;
        try {
            query = OcspQuery.read(der);
        } catch (OcspQuery.Malformed e) {
            return uncached(error(OcspResponseBuilder.Error.MALFORMED_REQUEST));
        }
        ByteBuffer key = query.cacheable() ? ByteBuffer.wrap(query.certificates().get(0).key()) : null;
        if (key != null) {
            Cached cached = cache.get(key);
            if (cached != null && fresh(cached)) {
                return cached;
            }
        }
        Long caId = null;
        for (OcspQuery.Certificate certificate : query.certificates()) {
            Optional<OcspIssuers.Issuer> issuer = issuers.issuerOf(certificate);
            if (issuer.isEmpty() || (caId != null && caId != issuer.get().caId())) {
                return uncached(error(OcspResponseBuilder.Error.UNAUTHORIZED)); // RFC 6960 §2.3: not a CA this responder answers for
            }
            caId = issuer.get().caId();
        }
        long epoch = epoch(caId); // read before the statuses: a revocation committed in between changes it, so nothing stale is kept
        List<OcspAnswer> answers = new ArrayList<>();
        for (OcspQuery.Certificate certificate : query.certificates()) {
            answers.add(status(caId, certificate));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant nextUpdate = now.plus(settings.ocspValidity());
        OcspSigners.Signer signer = signers.forCa(caId, nextUpdate);
        byte[] body = OcspResponseBuilder.successful(answers, signer.certificate(), signer.delegated(), signer.contentSigner(), now,
                now, nextUpdate, query.nonce());
        Reply reply = new Reply(body, true, now, nextUpdate, key == null ? null : etag(body));
        if (key == null) {
            return uncached(reply);
        }
        Cached cached = new Cached(reply, caId, epoch, now.plus(settings.ocspValidity().dividedBy(2)));
        bounded(cache).put(key, cached);
        return cached;
    }

    private boolean fresh(Cached cached) {
        return clock.instant().isBefore(cached.refreshAt()) && epoch(cached.caId()) == cached.epoch();
    }

    /** The map, emptied first when full: a flood of distinct requests costs signatures, never memory. */
    private <K> Map<K, Cached> bounded(Map<K, Cached> map) {
        if (map.size() >= settings.ocspCacheSize()) {
            map.clear();
        }
        return map;
    }

    private static Cached uncached(Reply reply) {
        return new Cached(reply, NOT_CACHED, 0, Instant.MIN);
    }

    /** Forgets what this instance knows of CA {@code caId}'s epoch, so its cached responses are checked again now. */
    void revocationCommitted(long caId) {
        epochs.remove(caId);
    }

    private OcspAnswer status(long caId, OcspQuery.Certificate certificate) {
        Optional<IssuedCertificates.Standing> entry = ledger.standing(caId, certificate.serialNumber(), clock.instant());
        if (entry.isPresent()) {
            IssuedCertificates.Standing status = entry.get();
            return status.status() == CertificateStatus.REVOKED ? OcspAnswer.revoked(certificate, status.revokedAt(), status.reason().code())
                    : OcspAnswer.good(certificate);
        }
        Optional<Long> child = state.childCa(caId, certificate.serialNumber().toString(16));
        if (child.isPresent()) {
            return state.caRevocation(child.get())
                    .map(r -> OcspAnswer.revoked(certificate, r.revokedAt(), RevocationReason.parse("reason", r.reason()).code()))
                    .orElseGet(() -> OcspAnswer.good(certificate));
        }
        return OcspAnswer.unknown(certificate); // RFC 6960 §2.2: a serial this CA never issued
    }

    private long epoch(long caId) {
        EpochRead known = recentEpoch(caId);
        if (known != null) {
            return known.epoch();
        }
        long readAt = System.nanoTime(); // before the read: the window never outlasts what the read can vouch for
        long epoch = state.epoch(caId);
        epochs.put(caId, new EpochRead(epoch, readAt));
        return epoch;
    }

    /** CA {@code caId}'s epoch as last read, if that was less than {@code ocsp-epoch-check} ago; null otherwise. */
    private EpochRead recentEpoch(long caId) {
        EpochRead known = epochs.get(caId);
        return known != null && System.nanoTime() - known.readAt() < settings.ocspEpochCheck().toNanos() ? known : null;
    }

    private static Reply error(OcspResponseBuilder.Error error) {
        return new Reply(OcspResponseBuilder.error(error), false, null, null, null);
    }

    private static String etag(byte[] body) {
        return "\"" + dev.inkan.engine.CertificateDescription.digestHex("SHA-256", body).substring(0, 32) + "\"";
    }

    /** The CA behind an id, for callers that show it. */
    ActiveCa ca(long caId) {
        return authorities.forIssuing(caId);
    }
}
