package dev.inkan.engine;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

/**
 * The names a CA may sign for: permitted DNS domains and IP ranges (RFC 5280 §4.2.1.10).
 *
 * <p>A dNSName subtree {@code example.test} permits {@code example.test} and every name below it.
 * Because a name type that has no subtree is unconstrained, a constrained CA without IP ranges
 * gets excluded subtrees 0.0.0.0/0 and ::/0, as CA/Browser Forum BR §7.1.2.5 asks of a
 * technically constrained CA: otherwise it could still sign for any IP address.
 */
public record NameConstraintPolicy(List<String> dnsDomains, List<String> ipRanges) {

    public NameConstraintPolicy {
        dnsDomains = List.copyOf(dnsDomains);
        ipRanges = List.copyOf(ipRanges);
    }

    /** Validates and normalises domains ({@code example.test}, {@code .example.test}) and CIDR ranges ({@code 10.0.0.0/8}). */
    public static NameConstraintPolicy of(String field, Collection<String> domains, Collection<String> ranges) {
        List<String> dns = new ArrayList<>();
        for (String domain : domains == null ? List.<String>of() : domains) {
            String d = domain == null ? null : domain.strip();
            if (d != null && d.startsWith(".")) {
                d = d.substring(1);
            }
            String name = SubjectAltNames.normaliseDns(Input.named(field), d == null ? "" : d);
            if (name.startsWith("*.")) {
                throw new InvalidInputException(field, "'" + domain + "': a permitted domain is written without a wildcard;"
                        + " example.test already covers every name below it");
            }
            if (!dns.contains(name)) {
                dns.add(name);
            }
        }
        List<String> ips = new ArrayList<>();
        for (String range : ranges == null ? List.<String>of() : ranges) {
            String cidr = cidr(field, range);
            if (!ips.contains(cidr)) {
                ips.add(cidr);
            }
        }
        if (dns.isEmpty() && !ips.isEmpty()) {
            throw new InvalidInputException(field, "name constraints with IP ranges need at least one permitted DNS domain;"
                    + " without one the CA could sign for any host name");
        }
        return new NameConstraintPolicy(dns, ips);
    }

    /**
     * The permitted subtrees of a CA certificate's nameConstraints extension (empty when it has none):
     * DNS domains and IP ranges as CIDR. The excluded 0.0.0.0/0 and ::/0 that {@link #toExtension()}
     * adds are implied by a policy and not read back.
     */
    public static NameConstraintPolicy from(X509Certificate certificate) {
        NameConstraints constraints = extension(certificate);
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        if (constraints != null) {
            for (GeneralSubtree subtree : nonNull(constraints.getPermittedSubtrees())) {
                GeneralName name = subtree.getBase();
                if (name.getTagNo() == GeneralName.dNSName) {
                    dns.add(DERIA5String.getInstance(name.getName()).getString());
                } else if (name.getTagNo() == GeneralName.iPAddress) {
                    ips.add(IpRange.decode(ASN1OctetString.getInstance(name.getName()).getOctets()).cidr());
                }
            }
        }
        return new NameConstraintPolicy(dns, ips);
    }

    public boolean isEmpty() {
        return dnsDomains.isEmpty() && ipRanges.isEmpty();
    }

    /** The critical extension value for the CA certificate. */
    public NameConstraints toExtension() {
        List<GeneralSubtree> permitted = new ArrayList<>();
        dnsDomains.forEach(d -> permitted.add(new GeneralSubtree(new GeneralName(GeneralName.dNSName, new DERIA5String(d)))));
        ipRanges.forEach(r -> permitted.add(new GeneralSubtree(new GeneralName(GeneralName.iPAddress, new DEROctetString(IpRange.parse(r).encode())))));
        GeneralSubtree[] excluded = ipRanges.isEmpty()
                ? new GeneralSubtree[] {
                    new GeneralSubtree(new GeneralName(GeneralName.iPAddress, new DEROctetString(new byte[8]))),
                    new GeneralSubtree(new GeneralName(GeneralName.iPAddress, new DEROctetString(new byte[32])))}
                : null;
        return new NameConstraints(permitted.toArray(GeneralSubtree[]::new), excluded);
    }

    /** A one-line description for CA lists and pages: what a CA made with this policy may sign for. */
    public String describe() {
        if (isEmpty()) {
            return "unconstrained: this CA can sign for any name";
        }
        return "only " + String.join(", ", dnsDomains) + " and names below them"
                + (ipRanges.isEmpty() ? ", and no IP address" : "; IP addresses in " + String.join(", ", ipRanges));
    }

    /**
     * What a user asked to trust {@code certificate} needs to read before deciding (trust pages, install
     * scripts, bundles): every permitted and excluded subtree of its nameConstraints, in words, or a
     * warning that it can sign for any name. Imported CAs may carry subtrees Inkan never writes (e-mail,
     * URI, directory name), so all name types are read.
     */
    public static String describeForTrust(X509Certificate certificate) {
        NameConstraints constraints = extension(certificate);
        List<String> permitted = constraints == null ? List.of() : words(constraints.getPermittedSubtrees());
        List<String> excluded = constraints == null ? List.of() : words(constraints.getExcludedSubtrees());
        if (permitted.isEmpty() && excluded.isEmpty()) {
            return "WARNING: this CA is unconstrained: it can sign for ANY name (any website). Trust it only if you control its key.";
        }
        StringBuilder text = new StringBuilder();
        if (!permitted.isEmpty()) {
            text.append("This CA can sign only for: ").append(String.join(", ", permitted)).append('.');
        } else {
            text.append("WARNING: this CA can sign for any name except the excluded ones.");
        }
        if (!excluded.isEmpty()) {
            text.append(" Excluded: ").append(String.join(", ", excluded)).append('.');
        }
        return text.toString();
    }

    /**
     * The nameConstraints extension as a certificate description lists it, one line per subtree
     * ({@code Permitted: DNS:corp.test}, {@code Excluded: IP:0.0.0.0/0}).
     */
    public static List<String> describeExtension(NameConstraints constraints) {
        List<String> lines = new ArrayList<>();
        for (var kind : List.of(java.util.Map.entry("Permitted", nonNull(constraints.getPermittedSubtrees())),
                java.util.Map.entry("Excluded", nonNull(constraints.getExcludedSubtrees())))) {
            for (GeneralSubtree subtree : kind.getValue()) {
                GeneralName name = subtree.getBase();
                lines.add(kind.getKey() + ": " + (name.getTagNo() == GeneralName.iPAddress
                        ? "IP:" + IpRange.decode(ASN1OctetString.getInstance(name.getName()).getOctets()).cidr()
                        : SubjectAltNames.decode(new org.bouncycastle.asn1.x509.GeneralNames(name)).stream()
                                .map(SubjectAltNames.Name::toString).findFirst().orElse(name.toString())));
            }
        }
        return lines;
    }

    private static NameConstraints extension(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.nameConstraints.getId());
        return extension == null ? null : NameConstraints.getInstance(ASN1OctetString.getInstance(extension).getOctets());
    }

    private static GeneralSubtree[] nonNull(GeneralSubtree[] subtrees) {
        return subtrees == null ? new GeneralSubtree[0] : subtrees;
    }

    /** Each subtree in words; 0.0.0.0/0 and ::/0 read "every IPv4/IPv6 address". */
    private static List<String> words(GeneralSubtree[] subtrees) {
        List<String> out = new ArrayList<>();
        for (GeneralSubtree subtree : nonNull(subtrees)) {
            GeneralName name = subtree.getBase();
            out.add(switch (name.getTagNo()) {
                case GeneralName.dNSName -> ((org.bouncycastle.asn1.ASN1String) name.getName()).getString() + " and names below it";
                case GeneralName.iPAddress -> {
                    IpRange range = IpRange.decode(ASN1OctetString.getInstance(name.getName()).getOctets());
                    yield range.isEverything() ? (range.isIpv4() ? "every IPv4 address" : "every IPv6 address") : "IP " + range.cidr();
                }
                case GeneralName.rfc822Name -> "e-mail " + ((org.bouncycastle.asn1.ASN1String) name.getName()).getString();
                case GeneralName.uniformResourceIdentifier -> "URI " + ((org.bouncycastle.asn1.ASN1String) name.getName()).getString();
                case GeneralName.directoryName -> "directory name " + name.getName();
                default -> "names of type " + name.getTagNo();
            });
        }
        return out;
    }

    /** A range as written by the user, validated and normalised by the one IP-range codec ({@link IpRange#parse}). */
    private static String cidr(String field, String range) {
        try {
            return IpRange.parse(range).cidr();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, e.getMessage());
        }
    }
}
