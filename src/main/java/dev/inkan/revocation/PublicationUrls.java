package dev.inkan.revocation;

import dev.inkan.authority.PublicationPoints;
import dev.inkan.engine.RevocationUrls;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The public, plain-HTTP URLs of revocation, from {@code INKAN_PUBLIC_URL} (e.g. {@code http://ca.lan:8080}),
 * else from the bound address and port: {@code {base}/crl/{caId}.crl} (DER), {@code {base}/crl/{caId}.pem},
 * {@code {base}/crl/{caId}.cer} (the CA certificate, for AIA caIssuers) and {@code {base}/ocsp}.
 * Plain HTTP on purpose: a client checking revocation must not need TLS to do so (RFC 5280 §4.2.1.13, RFC 6960 App. A).
 */
@Component
public class PublicationUrls implements PublicationPoints {

    private static final Logger log = LoggerFactory.getLogger(PublicationUrls.class);

    private final Environment environment;
    private final RevocationState state;
    private volatile String base;

    PublicationUrls(Environment environment, RevocationState state) {
        this.environment = environment;
        this.state = state;
    }

    /** The base URL without a trailing slash. */
    public String base() {
        String value = base;
        if (value == null) {
            value = resolveBase();
            base = value;
        }
        return value;
    }

    public String crl(long caId) {
        return base() + "/crl/" + caId + ".crl";
    }

    public String crlPem(long caId) {
        return base() + "/crl/" + caId + ".pem";
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

    private String resolveBase() {
        String configured = environment.getProperty("inkan.public-url");
        if (configured != null && !configured.isBlank()) {
            URI uri = URI.create(configured.strip());
            if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalStateException("INKAN_PUBLIC_URL must be a plain http:// URL clients reach (CRL and OCSP are"
                        + " fetched without TLS); it is '" + configured + "'");
            }
            return configured.strip().replaceAll("/+$", "");
        }
        String address = environment.getProperty("server.address", "127.0.0.1");
        // the plain-HTTP port: inkan.http-port when the service also listens with TLS, else server.port (0 = random, tests)
        String port = environment.getProperty("inkan.http-port", environment.getProperty("server.port", "8080"));
        if ("0".equals(port)) {
            port = environment.getProperty("local.server.port", "8080");
        }
        String host = address;
        try {
            InetAddress bound = InetAddress.getByName(address);
            if (bound.isAnyLocalAddress()) {
                host = InetAddress.getLocalHost().getHostName();
                log.warn("Revocation URLs in new certificates use http://{}:{}; set INKAN_PUBLIC_URL to the address clients reach", host, port);
            }
        } catch (UnknownHostException e) {
            host = address;
        }
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port;
    }
}
