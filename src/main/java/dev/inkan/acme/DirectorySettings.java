package dev.inkan.acme;

import com.google.common.net.InetAddresses;
import dev.inkan.engine.InvalidInputException;
import dev.inkan.engine.IpRange;
import dev.inkan.engine.LeafSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * One CA's ACME directory: whether it answers, the lifetime of what it issues, the names it accepts beyond the
 * CA's own name constraints (an allow-list of domains and IP ranges; empty means any), and whether accounts need
 * External Account Binding (RFC 8555 §7.3.4).
 */
public record DirectorySettings(long caId, boolean enabled, int certificateDays, boolean eabRequired, List<String> allowedIdentifiers) {

    /** Let's Encrypt's and step-ca's lifetime. */
    public static final int DEFAULT_DAYS = 90;

    public static DirectorySettings defaults(long caId) {
        return new DirectorySettings(caId, true, DEFAULT_DAYS, false, List.of());
    }

    /** Whether an allow-list entry names IP addresses (a CIDR range or one address) rather than a domain. */
    static boolean isIpEntry(String entry) {
        return entry.contains("/") || InetAddresses.isInetAddress(entry);
    }

    /** A change from the API or UI: every field optional. */
    public record Change(Boolean enabled, Integer certificateDays, Boolean eabRequired, List<String> allowedIdentifiers) {

        DirectorySettings applyTo(DirectorySettings current) {
            int days = certificateDays == null ? current.certificateDays() : certificateDays;
            if (days < 1 || days > LeafSpec.MAX_VALIDITY_DAYS) {
                throw new InvalidInputException("certificateDays", "certificateDays must be 1 to " + LeafSpec.MAX_VALIDITY_DAYS
                        + " (Apple's limit); " + days + " was given");
            }
            List<String> allowed = current.allowedIdentifiers();
            if (allowedIdentifiers != null) {
                allowed = new ArrayList<>();
                for (String entry : allowedIdentifiers) {
                    String text = entry == null ? "" : entry.strip().toLowerCase(java.util.Locale.ROOT);
                    if (text.isEmpty() || text.length() > 253 || !text.matches("[a-z0-9.:/*_-]+")) {
                        throw new InvalidInputException("allowedIdentifiers", "'" + dev.inkan.engine.RequestRejectedException.abbreviate(
                                String.valueOf(entry)) + "' is not a domain (app.test) or an IP range (10.0.0.0/8)");
                    }
                    if (isIpEntry(text)) {
                        try {
                            IpRange.parse(text);
                        } catch (IllegalArgumentException e) {
                            throw new InvalidInputException("allowedIdentifiers", e.getMessage());
                        }
                    }
                    allowed.add(text.startsWith("*.") ? text.substring(2) : text);
                }
                if (String.join("\n", allowed).length() > 4000) {
                    throw new InvalidInputException("allowedIdentifiers", "the allow-list is too long; keep it under 4000 characters");
                }
            }
            return new DirectorySettings(current.caId(), enabled == null ? current.enabled() : enabled, days,
                    eabRequired == null ? current.eabRequired() : eabRequired, List.copyOf(allowed));
        }
    }
}
