package dev.inkan.engine;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What a new end-entity certificate says: subject CN, SANs, profile and lifetime.
 * Build it with {@link #of}, which validates the request and names the field at fault.
 */
public record LeafSpec(String commonName, SubjectAltNames names, CertificateProfile profile, int validityDays) {

    /**
     * Apple platforms reject TLS server certificates valid for more than 825 days
     * (support.apple.com/HT210176); Inkan applies the same limit to every leaf.
     */
    public static final int MAX_VALIDITY_DAYS = 825;

    /**
     * Validates a request into a spec. The common name defaults to the first DNS name or IP
     * address, and is always included in the SAN when it is a name (Chrome reads only the SAN).
     */
    public static LeafSpec of(String commonName, Collection<String> dnsNames, Collection<String> ipAddresses,
                              CertificateProfile profile, int validityDays) {
        return of(commonName, dnsNames, ipAddresses, profile, validityDays, null);
    }

    /** A spec for the names of a CSR; a name refused is blamed on {@code csrField}, the CSR it came from. */
    public static LeafSpec of(SigningRequest request, String csrField, CertificateProfile profile, int validityDays) {
        return of(request.commonName(), request.dnsNames(), request.ipAddresses(), profile, validityDays, csrField);
    }

    /**
     * @param namesField the field every name came from (a CSR), or null when each has its own; without
     *                   a common name, a refused default CN is blamed on the DNS names or IP addresses it came from
     */
    private static LeafSpec of(String commonName, Collection<String> dnsNames, Collection<String> ipAddresses,
                               CertificateProfile profile, int validityDays, String namesField) {
        CertificateProfile p = profile == null ? CertificateProfile.SERVER : profile;
        List<String> dns = dnsNames == null ? List.of() : List.copyOf(dnsNames);
        List<String> ips = ipAddresses == null ? List.of() : List.copyOf(ipAddresses);
        if (dns.size() > SubjectAltNames.MAX_NAMES || ips.size() > SubjectAltNames.MAX_NAMES) {
            throw new InvalidInputException(dns.size() > SubjectAltNames.MAX_NAMES ? Field.DNS_NAMES : Field.IP_ADDRESSES,
                    "too many names: at most " + SubjectAltNames.MAX_NAMES + " fit in one certificate");
        }
        String cn = commonName == null || commonName.isBlank()
                ? (!dns.isEmpty() ? dns.get(0) : !ips.isEmpty() ? ips.get(0) : null)
                : commonName.strip();
        if (cn == null) {
            throw new InvalidInputException(Field.COMMON_NAME, "give a common name or at least one DNS name or IP address");
        }
        Input csr = namesField == null ? null : Input.named(namesField);
        Input dnsField = csr != null ? csr : Field.DNS_NAMES;
        Input ipField = csr != null ? csr : Field.IP_ADDRESSES;
        Input cnField = csr != null ? csr : commonName != null && !commonName.isBlank() ? Field.COMMON_NAME
                : !dns.isEmpty() ? dnsField : ipField;
        SubjectAltNames.Builder names = SubjectAltNames.builder();
        Optional<SubjectAltNames.Name> cnName = SubjectAltNames.nameOfCommonName(cnField, cn, p.isServer());
        cnName.ifPresent(n -> names.add(cnField, n.value()));
        dns.forEach(d -> names.dns(dnsField, d));
        ips.forEach(i -> names.ip(ipField, i));
        checkValidity(validityDays);
        String subjectCn = cnName.filter(n -> n.kind() == SubjectAltNames.Kind.DNS || n.kind() == SubjectAltNames.Kind.IP)
                .map(SubjectAltNames.Name::value).orElse(cn);
        return new LeafSpec(subjectCn, names.build(), p, validityDays);
    }

    static void checkValidity(int validityDays) {
        if (validityDays < 1) {
            throw new InvalidInputException(Field.VALIDITY_DAYS, "validity must be at least 1 day; " + validityDays + " was given");
        }
        if (validityDays > MAX_VALIDITY_DAYS) {
            throw new PolicyViolationException(Field.VALIDITY_DAYS, "validity of " + validityDays + " days exceeds "
                    + MAX_VALIDITY_DAYS + ", the most Apple platforms accept for a TLS certificate; choose 825 or fewer");
        }
    }
}
