package dev.inkan.authority;

import dev.inkan.engine.CaSpec;
import dev.inkan.engine.InvalidInputException;
import dev.inkan.engine.KeyType;
import dev.inkan.engine.NameConstraintPolicy;
import java.util.List;

/**
 * A new CA: a root when {@code parentId} is absent, else an intermediate signed by that CA.
 * Validates itself ({@link #validate()}) with the messages the API and the UI both show.
 *
 * @param name                the CA's common name, shown in every trust store
 * @param keyType             default {@code ecdsa-p256}
 * @param validityDays        default 3650 for a root, 1825 for an intermediate (cut back to the parent's own end)
 * @param permittedDnsDomains optional name constraints: the domains this CA may sign for (RFC 5280 §4.2.1.10)
 * @param permittedIpRanges   optional CIDR ranges this CA may sign for; needs at least one domain
 * @param pathLength          how many CAs may follow below this one; intermediates default to 0
 */
public record CreateCaRequest(String name, String organization, String keyType, Integer validityDays, Long parentId,
                              List<String> permittedDnsDomains, List<String> permittedIpRanges, Integer pathLength) {

    public static final int DEFAULT_ROOT_DAYS = 3650;
    public static final int DEFAULT_INTERMEDIATE_DAYS = 1825;

    /** A checked request: what the engine needs. */
    public record Valid(CaSpec spec, KeyType keyType, Long parentId) {}

    public static CreateCaRequest root(String name) {
        return new CreateCaRequest(name, null, null, null, null, null, null, null);
    }

    public Valid validate() {
        KeyType type = KeyType.parse("keyType", keyType);
        if (parentId != null && parentId <= 0) {
            throw new InvalidInputException("parentId", "parentId is the id of a CA held here (see GET /api/v1/cas)");
        }
        if (permittedDnsDomains != null && permittedDnsDomains.size() > 100
                || permittedIpRanges != null && permittedIpRanges.size() > 100) {
            throw new InvalidInputException("permittedDnsDomains", "at most 100 permitted domains and 100 IP ranges");
        }
        NameConstraintPolicy constraints = NameConstraintPolicy.of("permittedDnsDomains", permittedDnsDomains, permittedIpRanges);
        int days = validityDays != null ? validityDays : parentId == null ? DEFAULT_ROOT_DAYS : DEFAULT_INTERMEDIATE_DAYS;
        return new Valid(new CaSpec(name, organization, days, constraints, pathLength), type, parentId);
    }
}
