package dev.inkan.issuance;

import dev.inkan.engine.CertificateProfile;
import dev.inkan.engine.InvalidInputException;
import dev.inkan.engine.KeyType;
import dev.inkan.engine.LeafSpec;
import java.util.List;

/**
 * A certificate to issue with a key the server generates. Every field but one name is optional.
 * {@link #validate()} gives the messages the API (problem+json {@code errors}) and the UI (next to
 * the field) both show.
 *
 * @param commonName   the subject CN; defaults to the first DNS name or IP address, and is always in the SAN
 * @param dnsNames     host names and wildcards ({@code *.app.test}); IP literals given here are filed as IPs
 * @param ipAddresses  IPv4 and IPv6 literals
 * @param profile      {@code server} (default), {@code client} or {@code server+client}
 * @param keyType      {@code ecdsa-p256} (default), {@code ecdsa-p384}, {@code rsa-2048}, {@code rsa-3072}, {@code rsa-4096}, {@code ed25519}
 * @param validityDays 1 to 825 (Apple's limit), default {@value #DEFAULT_VALIDITY_DAYS}
 * @param caId         the issuing CA; the default CA when absent
 */
public record IssuanceRequest(String commonName, List<String> dnsNames, List<String> ipAddresses, String profile,
                              String keyType, Integer validityDays, Long caId) {

    public static final int DEFAULT_VALIDITY_DAYS = 365;

    /** A checked request: what the engine needs. */
    public record Valid(LeafSpec spec, KeyType keyType, Long caId) {}

    public Valid validate() {
        KeyType type = KeyType.parse("keyType", keyType);
        CertificateProfile certificateProfile = CertificateProfile.parse("profile", profile);
        checkCaId(caId);
        requireNoNull("dnsNames", dnsNames);
        requireNoNull("ipAddresses", ipAddresses);
        LeafSpec spec = LeafSpec.of(commonName, dnsNames, ipAddresses, certificateProfile,
                validityDays == null ? DEFAULT_VALIDITY_DAYS : validityDays);
        return new Valid(spec, type, caId);
    }

    private static void requireNoNull(String field, List<String> names) {
        if (names != null && names.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidInputException(field, "a name is null; remove it or write a host name such as app.test");
        }
    }

    static void checkCaId(Long caId) {
        if (caId != null && caId <= 0) {
            throw new InvalidInputException("caId", "caId is the id of a CA held here (see GET /api/v1/cas), or leave it out for the default CA");
        }
    }
}
