package dev.inkan.revocation;

import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.authority.CertificateAuthorityService.ActiveCa;
import dev.inkan.engine.CrlBuilder;
import dev.inkan.engine.CrlContent;
import dev.inkan.engine.NotFoundException;
import dev.inkan.engine.Pem;
import dev.inkan.issuance.IssuedCertificates;
import dev.inkan.issuance.RevocationReason;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The CRL of each CA (RFC 5280 §5): issued on every revocation, re-issued by the timer once older
 * than {@code crl-renewal} (well before nextUpdate), and served from memory while its number is the
 * database's latest. Revoked certificates leave it {@code expired-grace} after their notAfter.
 */
@Service
public class CrlPublisher {

    private static final Logger log = LoggerFactory.getLogger(CrlPublisher.class);

    /** A CRL as served: DER, PEM and what the API shows of it. */
    public record PublishedCrl(CrlInfo info, byte[] der, String pem) {}

    private final CertificateAuthorityService authorities;
    private final IssuedCertificates ledger;
    private final RevocationState state;
    private final RevocationSettings settings;
    private final PublicationUrls urls;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Map<Long, Served> served = new ConcurrentHashMap<>();

    /** A CRL held in memory and when (System.nanoTime) its number was last found to be the database's latest. */
    private record Served(PublishedCrl crl, long checkedAt) {}

    CrlPublisher(CertificateAuthorityService authorities, IssuedCertificates ledger, RevocationState state, RevocationSettings settings,
                 PublicationUrls urls, TransactionTemplate transactions, Clock clock) {
        this.authorities = authorities;
        this.ledger = ledger;
        this.state = state;
        this.settings = settings;
        this.urls = urls;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The latest CRL of CA {@code caId}, issuing the first one when there is none yet. */
    public PublishedCrl current(long caId) {
        authorities.get(caId); // 404 for a CA this instance does not hold
        Long latest = state.crlNumber(caId).orElse(null);
        if (latest == null) {
            publish(caId);
            latest = state.crlNumber(caId).orElseThrow();
        }
        Served known = served.get(caId);
        PublishedCrl crl = known == null ? null : known.crl();
        if (crl == null || crl.info().number() != latest) {
            RevocationState.StoredCrl stored = state.crl(caId).orElseThrow();
            crl = new PublishedCrl(info(caId, stored.number(), stored.thisUpdate(), stored.nextUpdate(), stored.entries()), stored.der(),
                    Pem.encodeCrl(stored.der()));
        }
        served.put(caId, new Served(crl, System.nanoTime()));
        return crl;
    }

    /**
     * The CRL of CA {@code caId} from memory, without a database read, when {@link #current} confirmed it the latest less
     * than {@code ocsp-epoch-check} ago (a CRL issued by another instance shows within that time, one issued here at once);
     * empty otherwise, then {@link #current} answers.
     */
    public Optional<PublishedCrl> recent(long caId) {
        Served known = served.get(caId);
        return known != null && System.nanoTime() - known.checkedAt() < settings.ocspEpochCheck().toNanos()
                ? Optional.of(known.crl()) : Optional.empty();
    }

    /** What the API shows: number, thisUpdate, nextUpdate, entries and URLs. */
    public CrlInfo info(long caId) {
        return current(caId).info();
    }

    /**
     * Issues a new full CRL for CA {@code caId} now, with the next CRLNumber the database hands out; with delta CRLs on,
     * it names the delta CRL's URL (Freshest CRL, RFC 5280 §5.2.6) and an empty delta based on it is issued with it.
     */
    public CrlInfo publish(long caId) {
        ActiveCa ca = authorities.forIssuing(caId);
        state.ensure(caId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant nextUpdate = now.plus(settings.crlValidity());
        served.remove(caId); // a CRL issued now is served at once, not the one before it (recent)
        CrlInfo issued = transactions.execute(status -> {
            long number = state.nextCrlNumber(caId); // locks the CA's row until commit: one generator at a time
            List<CrlContent.Entry> entries = entries(caId, now, null);
            byte[] der = CrlBuilder.build(ca.authority().certificate(), new CrlContent(BigInteger.valueOf(number), now, nextUpdate, entries,
                    null, settings.deltaCrl() ? urls.deltaCrl(caId) : null), ca.authority().newSigner());
            state.storeCrl(caId, number, now, nextUpdate, entries.size(), der);
            if (settings.deltaCrl()) {
                issueDelta(ca, number, now);
            }
            return info(caId, number, now, nextUpdate, entries.size());
        });
        served.remove(caId);
        return issued;
    }

    /**
     * After a revocation with delta CRLs on: a delta CRL (RFC 5280 §5.2.4) listing what was revoked since the full CRL
     * it names as its base; the full CRL itself waits for the timer. Without a full CRL yet, issues that (and its delta).
     */
    public void publishDelta(long caId) {
        ActiveCa ca = authorities.forIssuing(caId);
        if (state.crl(caId).isEmpty()) {
            publish(caId);
            return;
        }
        transactions.executeWithoutResult(status -> {
            state.nextCrlNumber(caId); // the row lock first, then read the base it holds still
            RevocationState.StoredCrl base = state.crl(caId).orElseThrow();
            issueDelta(ca, base.number(), base.thisUpdate());
        });
    }

    /** The latest delta CRL of CA {@code caId}; 404 while delta CRLs are off. */
    public PublishedCrl currentDelta(long caId) {
        authorities.get(caId);
        if (!settings.deltaCrl()) {
            throw new NotFoundException("caId", "delta CRLs are off here; the full CRL is /crl/" + caId + ".crl"
                    + " (INKAN_REVOCATION_DELTA_CRL=true turns them on)");
        }
        RevocationState.StoredCrl delta = state.delta(caId).orElseGet(() -> {
            publish(caId);
            return state.delta(caId).orElseThrow();
        });
        return new PublishedCrl(info(caId, delta.number(), delta.thisUpdate(), delta.nextUpdate(), delta.entries()), delta.der(),
                Pem.encodeCrl(delta.der()));
    }

    /** In the caller's transaction, which holds the CA's row: the delta CRL after base CRL {@code baseNumber}. */
    private void issueDelta(ActiveCa ca, long baseNumber, Instant baseThisUpdate) {
        long caId = ca.id();
        long number = state.nextCrlNumber(caId); // full and delta CRLs share one sequence (RFC 5280 §5.2.4)
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant nextUpdate = now.plus(settings.crlValidity());
        // revoked since the base was built; a second of overlap may repeat an entry the base has, which a delta may do
        List<CrlContent.Entry> entries = entries(caId, now, baseThisUpdate.minusSeconds(1));
        byte[] der = CrlBuilder.build(ca.authority().certificate(), new CrlContent(BigInteger.valueOf(number), now, nextUpdate, entries,
                BigInteger.valueOf(baseNumber), null), ca.authority().newSigner());
        state.storeDelta(caId, number, now, nextUpdate, entries.size(), der);
    }

    /** What a CRL issued at {@code now} lists: revoked certificates and child CAs, revoked since {@code since} when given. */
    private List<CrlContent.Entry> entries(long caId, Instant now, Instant since) {
        Instant keepAfter = now.minus(settings.expiredGrace());
        List<CrlContent.Entry> entries = new ArrayList<>();
        for (IssuedCertificates.Revocation revoked : ledger.revocations(caId)) {
            if (!revoked.notAfter().isAfter(keepAfter) || (since != null && revoked.revokedAt().isBefore(since))) {
                continue; // RFC 5280 §3.3: an expired certificate may leave the CRL (after the grace period)
            }
            entries.add(new CrlContent.Entry(revoked.serialNumber(), revoked.revokedAt(), revoked.reason().code(),
                    revoked.reason() == RevocationReason.KEY_COMPROMISE ? revoked.revokedAt() : null));
        }
        for (RevocationState.RevokedCa child : state.revokedChildren(caId)) {
            if (child.notAfter().isAfter(keepAfter) && (since == null || !child.revokedAt().isBefore(since))) {
                entries.add(new CrlContent.Entry(new BigInteger(child.serialNumber(), 16), child.revokedAt(),
                        RevocationReason.parse("reason", child.reason()).code(), null));
            }
        }
        return entries;
    }

    /** Re-issues every CRL older than {@code crl-renewal} (or missing); safe to run on several instances at once. */
    public int renewDue() {
        int renewed = 0;
        for (long caId : state.crlsIssuedBefore(clock.instant().minus(settings.crlRenewal()))) {
            try {
                publish(caId);
                renewed++;
            } catch (RuntimeException e) {
                log.warn("cannot renew the CRL of CA {}: {}", caId, e.getMessage());
            }
        }
        return renewed;
    }

    private CrlInfo info(long caId, long number, Instant thisUpdate, Instant nextUpdate, long entries) {
        return new CrlInfo(caId, number, thisUpdate, nextUpdate, entries, urls.crl(caId), urls.crlPem(caId), urls.ocsp(),
                urls.caCertificate(caId), settings.deltaCrl() ? urls.deltaCrl(caId) : null);
    }
}
