package dev.inkan.acme;

import com.google.common.net.InetAddresses;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The reverse proxies whose {@code X-Forwarded-Proto}/{@code X-Forwarded-Host} the ACME server believes
 * ({@code INKAN_ACME_TRUSTED_PROXIES}; default loopback only, i.e. a proxy on the same host). The JWS {@code url}
 * must equal the URL the client used (RFC 8555 §6.4); behind a proxy only the forwarded headers tell it, and from
 * anyone else they would let a client pick the URL it is checked against.
 */
@Component
public class TrustedProxies {

    private final List<String> ranges;

    public TrustedProxies(AcmeProperties properties) {
        ranges = properties.trustedProxies().stream().map(String::strip).filter(s -> !s.isEmpty()).map(TrustedProxies::range).toList();
    }

    /** Whether a request from {@code remoteAddress} (an IP literal) came through a trusted proxy. */
    public boolean trusts(String remoteAddress) {
        if (remoteAddress == null || !InetAddresses.isInetAddress(remoteAddress)) {
            return false;
        }
        return ranges.stream().anyMatch(range -> AcmeDirectory.inRange(remoteAddress, range));
    }

    /** An address or CIDR range as CIDR; anything else stops the start-up with what to write instead. */
    private static String range(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        if (!InetAddresses.isInetAddress(address)) {
            throw new IllegalArgumentException("INKAN_ACME_TRUSTED_PROXIES: '" + entry
                    + "' is not an IP address or CIDR range; write e.g. 10.0.0.5 or 10.0.0.0/24");
        }
        int bits = InetAddresses.forString(address).getAddress().length * 8;
        try {
            int prefix = slash < 0 ? bits : Integer.parseInt(entry.substring(slash + 1));
            if (prefix < 0 || prefix > bits) {
                throw new NumberFormatException();
            }
            return address + "/" + prefix;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("INKAN_ACME_TRUSTED_PROXIES: '" + entry + "' needs a prefix from 0 to " + bits);
        }
    }
}
