package dev.inkan.engine;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * What a CRL says (RFC 5280 §5): its number, thisUpdate and nextUpdate, and the revoked serials.
 * A delta CRL (RFC 5280 §5.2.4) names the number of its base in {@code deltaBase}; a base CRL whose
 * deltas are published names their URL in {@code freshestCrl} (§5.2.6).
 *
 * @param number       the CRLNumber, monotonically increasing per issuer (§5.2.3)
 * @param entries      the revoked certificates, in any order
 * @param deltaBase    the CRLNumber of the base CRL when this is a delta CRL, else null
 * @param freshestCrl  the delta CRL URL a base CRL points to, else null
 */
public record CrlContent(BigInteger number, Instant thisUpdate, Instant nextUpdate, List<Entry> entries,
                         BigInteger deltaBase, String freshestCrl) {

    /** RFC 5280 §5.2.3: CRL numbers are at most 20 octets. */
    private static final BigInteger MAX_NUMBER = BigInteger.TWO.pow(159);

    /**
     * One revoked certificate (RFC 5280 §5.3).
     *
     * @param reasonCode     the CRLReason code (0 = unspecified, then left out as §5.3.1 asks)
     * @param invalidityDate when the key is known or suspected to have been compromised, or null (§5.3.2)
     */
    public record Entry(BigInteger serialNumber, Instant revokedAt, int reasonCode, Instant invalidityDate) {}

    public CrlContent {
        if (number.signum() < 0 || number.compareTo(MAX_NUMBER) >= 0) {
            throw new IllegalArgumentException("a CRLNumber is a non-negative integer of at most 20 octets (RFC 5280 §5.2.3)");
        }
        if (!nextUpdate.isAfter(thisUpdate)) {
            throw new IllegalArgumentException("nextUpdate must be after thisUpdate (RFC 5280 §5.1.2.5)");
        }
        entries = List.copyOf(entries);
    }

    /** A full CRL. */
    public static CrlContent full(BigInteger number, Instant thisUpdate, Instant nextUpdate, List<Entry> entries) {
        return new CrlContent(number, thisUpdate, nextUpdate, entries, null, null);
    }

    public boolean isDelta() {
        return deltaBase != null;
    }
}
