package dev.inkan.acme;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the ACME validator reaches the network ({@code INKAN_ACME_*}), as step-ca's {@code --resolver} and
 * {@code --acme-http-port} and pebble's config do. There is no setting that marks a challenge valid.
 *
 * @param dnsResolver         host:port of the DNS server every lookup of the validator asks; the system resolver when absent
 * @param http01Port          the port http-01 connects to (RFC 8555 §8.3: 80)
 * @param tlsalpn01Port       the port tls-alpn-01 connects to (RFC 8737 §3: 443)
 * @param validationThreads   how many validations run at once; more wait in a bounded queue
 * @param testNonceRejectPercent for client-robustness tests only: this share of valid nonces is answered with badNonce
 *                            (as pebble does); it can only refuse, never accept
 * @param trustedProxies      addresses or CIDR ranges whose X-Forwarded-Proto/Host are believed (default loopback:
 *                            a reverse proxy on the same host); requests from elsewhere are judged by their own URL
 */
@ConfigurationProperties("inkan.acme")
public record AcmeProperties(String dnsResolver, @DefaultValue("80") int http01Port, @DefaultValue("443") int tlsalpn01Port,
                             @DefaultValue("4") int validationThreads, @DefaultValue("0") int testNonceRejectPercent,
                             @DefaultValue({"127.0.0.0/8", "::1"}) List<String> trustedProxies) {
}
