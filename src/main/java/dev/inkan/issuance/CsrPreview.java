package dev.inkan.issuance;

import java.util.List;

/** What signing a CSR would produce, shown before signing: the names, key, profile, lifetime and issuing CA. */
public record CsrPreview(String commonName, List<String> dnsNames, List<String> ipAddresses, String keyType,
                         String profile, int validityDays, long caId, String caName) {
}
