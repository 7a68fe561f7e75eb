package dev.inkan.revocation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How revocation is published ({@code inkan.revocation.*}, env {@code INKAN_REVOCATION_CRL_VALIDITY} ...).
 *
 * @param crlValidity        nextUpdate - thisUpdate of every CRL; 7 days fits CA/B Forum BR §4.9.7 (ballot SC-063)
 * @param crlRenewal         a CRL older than this is re-issued by the timer, well before its nextUpdate
 * @param crlCheckInterval   how often the timer looks for CRLs due
 * @param expiredGrace       a revoked certificate stays on the CRL this long after its notAfter (RFC 5280 §3.3 lets it go then)
 * @param ocspValidity       nextUpdate - thisUpdate of OCSP responses; cached ones are re-signed after half of it
 * @param ocspEpochCheck     how often a cached OCSP response re-reads its CA's revocation epoch, and a CRL served from memory its CRL number
 *                           (revocations and CRLs by other instances)
 * @param ocspCacheSize      the most pre-signed OCSP responses kept in memory
 * @param delegatedResponder sign OCSP responses with a delegated responder certificate (id-kp-OCSPSigning, ocsp-nocheck)
 *                           instead of the CA key
 * @param deltaCrl           publish delta CRLs (RFC 5280 §5.2.4): a revocation then issues a small delta CRL, the full CRL
 *                           (which names the delta's URL in Freshest CRL, §5.2.6) is re-issued by the timer
 */
@ConfigurationProperties("inkan.revocation")
public record RevocationSettings(@DefaultValue("7d") Duration crlValidity, @DefaultValue("1d") Duration crlRenewal,
                                 @DefaultValue("10m") Duration crlCheckInterval, @DefaultValue("7d") Duration expiredGrace,
                                 @DefaultValue("1d") Duration ocspValidity, @DefaultValue("1s") Duration ocspEpochCheck,
                                 @DefaultValue("100000") int ocspCacheSize, @DefaultValue("false") boolean delegatedResponder,
                                 @DefaultValue("false") boolean deltaCrl) {

    public RevocationSettings {
        if (crlRenewal.compareTo(crlValidity) >= 0) {
            throw new IllegalArgumentException("inkan.revocation.crl-renewal (" + crlRenewal + ") must be shorter than"
                    + " inkan.revocation.crl-validity (" + crlValidity + "), or clients would see an expired CRL");
        }
    }
}
