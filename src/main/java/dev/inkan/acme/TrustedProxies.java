package dev.inkan.acme;

import com.google.common.net.InetAddresses;
import dev.inkan.engine.IpRange;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The reverse proxies whose {@code X-Forwarded-Proto}/{@code X-Forwarded-Host} the ACME server believes
 * ({@code INKAN_ACME_TRUSTED_PROXIES}; default loopback only, i.e. a proxy on the same host). The JWS {@code url}
 * must equal the URL the client used (RFC 8555 §6.4); behind a proxy only the forwarded headers tell it, and from
 * anyone else they would let a client pick the URL it is checked against. The ranges are parsed once, at start-up.
 */
@Component
public class TrustedProxies {

    private final List<IpRange> ranges;

    public TrustedProxies(AcmeProperties properties) {
        ranges = properties.trustedProxies().stream().map(String::strip).filter(s -> !s.isEmpty()).map(TrustedProxies::range).toList();
    }

    /** Whether a request from {@code remoteAddress} (an IP literal) came through a trusted proxy. */
    public boolean trusts(String remoteAddress) {
        if (remoteAddress == null || !InetAddresses.isInetAddress(remoteAddress)) {
            return false;
        }
        byte[] address = InetAddresses.forString(remoteAddress).getAddress();
        return ranges.stream().anyMatch(range -> range.contains(address));
    }

    /** An address or CIDR range; anything else stops the start-up with what to write instead. */
    private static IpRange range(String entry) {
        try {
            return IpRange.parse(entry);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("INKAN_ACME_TRUSTED_PROXIES: " + e.getMessage(), e);
        }
    }
}
