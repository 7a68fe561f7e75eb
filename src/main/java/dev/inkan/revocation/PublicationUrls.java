package dev.inkan.revocation;

import dev.inkan.authority.PublicationPoints;
import dev.inkan.engine.RevocationUrls;
import dev.inkan.config.PublicEndpoints;
import org.springframework.stereotype.Component;

/**
 * The public, plain-HTTP URLs of revocation, from {@code INKAN_PUBLIC_URL} (e.g. {@code http://ca.lan:8080}),
 * else from the bound address and port: {@code {base}/crl/{caId}.crl} (DER), {@code {base}/crl/{caId}.pem},
 * {@code {base}/crl/{caId}.cer} (the CA certificate, for AIA caIssuers) and {@code {base}/ocsp}.
 * Plain HTTP on purpose: a client checking revocation must not need TLS to do so (RFC 5280 §4.2.1.13, RFC 6960 App. A).
 */
@Component
public class PublicationUrls implements PublicationPoints {

    private final PublicEndpoints endpoints;
    private final RevocationState state;

    PublicationUrls(PublicEndpoints endpoints, RevocationState state) {
        this.endpoints = endpoints;
        this.state = state;
    }

    /** The plain-HTTP base without a trailing slash: INKAN_PUBLIC_URL, else the bind address (or host name) and INKAN_PORT. */
    public String base() {
        return endpoints.httpBase();
    }
    public String crl(long caId) {
        return base() + "/crl/" + caId + ".crl";
    }

    public String crlPem(long caId) {
        return base() + "/crl/" + caId + ".pem";
    }

    /** The delta CRL (RFC 5280 §5.2.4) the full CRL points to in its Freshest CRL extension. */
    public String deltaCrl(long caId) {
        return base() + "/crl/" + caId + "-delta.crl";
    }

    public String caCertificate(long caId) {
        return base() + "/crl/" + caId + ".cer";
    }

    public String ocsp() {
        return base() + "/ocsp";
    }

    /** Which URLs the certificates CA {@code caId} signs carry. */
    public UrlSwitches switches(long caId) {
        return state.switches(caId);
    }

    /** Sets them for the certificates CA {@code caId} signs from now on (certificates already issued keep theirs). */
    public UrlSwitches configure(long caId, UrlSwitches switches) {
        state.setSwitches(caId, switches);
        return state.switches(caId);
    }

    @Override
    public RevocationUrls urlsFor(long caId) {
        UrlSwitches switches = state.switches(caId);
        return new RevocationUrls(switches.crlUrl() ? crl(caId) : null, switches.aia() ? ocsp() : null,
                switches.aia() ? caCertificate(caId) : null);
    }
}
