package dev.inkan.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.catalina.connector.Connector;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * The service's two public addresses, for every module that prints or embeds one: {@link #httpBase()}
 * (plain HTTP: {@code /ca.pem}, {@code /install}, CRL and OCSP URLs put into certificates) and
 * {@link #httpsBase()} (the UI, the API, ACME). {@code INKAN_PUBLIC_URL} and {@code INKAN_PUBLIC_HTTPS_URL}
 * override them; else the host is the first of {@code INKAN_PUBLIC_NAMES}, or the bind address, or
 * the host name, with the ports actually bound.
 */
public class PublicEndpoints implements ApplicationListener<WebServerInitializedEvent> {

    private final TransportSettings settings;
    private final String host;
    private final boolean tls;
    private volatile int mainPort;
    private volatile Connector plainConnector;

    public PublicEndpoints(TransportSettings settings, String bindAddress, int configuredMainPort) {
        this.settings = settings;
        this.tls = settings.tlsEnabled();
        this.host = hostFor(settings, bindAddress);
        this.mainPort = configuredMainPort;
    }

    /** Whether the UI and API are served over TLS by this process. */
    public boolean tlsEnabled() {
        return tls;
    }

    /** {@code http://HOST:8080}, no trailing slash: where anyone can fetch what must work before trust exists. */
    public String httpBase() {
        if (blank(settings.publicUrl())) {
            return "http://" + host + ":" + httpPort();
        }
        return settings.publicUrl().strip().replaceAll("/+$", "");
    }

    /**
     * The plain-HTTP base for a client that reached this service as {@code requestHost}: INKAN_PUBLIC_URL
     * when set, else that host with the plain-HTTP port. Install scripts and their pinned one-liners
     * use it, so that a script rendered for an HTTPS page and the one served over HTTP are the same bytes.
     */
    public String httpBaseFor(String requestHost) {
        if (!blank(settings.publicUrl()) || blank(requestHost)) {
            return httpBase();
        }
        return "http://" + (requestHost.contains(":") && !requestHost.startsWith("[") ? "[" + requestHost + "]" : requestHost)
                + ":" + httpPort();
    }

    /** {@code https://HOST:8443}, no trailing slash (with TLS off: {@code INKAN_PUBLIC_HTTPS_URL}, else {@link #httpBase()}). */
    public String httpsBase() {
        if (!blank(settings.publicHttpsUrl())) {
            return settings.publicHttpsUrl().strip().replaceAll("/+$", "");
        }
        return tls ? "https://" + host + ":" + httpsPort() : httpBase();
    }

    /** INKAN_PUBLIC_HTTPS_URL without a trailing slash, or null when it is not set. */
    public String configuredHttpsBase() {
        return blank(settings.publicHttpsUrl()) ? null : settings.publicHttpsUrl().strip().replaceAll("/+$", "");
    }

    /** The plain-HTTP port bound (the configured one until the server has started). */
    public int httpPort() {
        Connector connector = plainConnector;
        if (!tls) {
            return mainPort;
        }
        return connector != null && connector.getLocalPort() > 0 ? connector.getLocalPort() : settings.httpPort();
    }

    /** The HTTPS port bound, or -1 with TLS off. */
    public int httpsPort() {
        return tls ? mainPort : -1;
    }

    void plainConnector(Connector connector) {
        this.plainConnector = connector;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) {
            mainPort = event.getWebServer().getPort();
        }
    }

    private static String hostFor(TransportSettings settings, String bindAddress) {
        String chosen;
        if (!settings.publicNames().isEmpty()) {
            chosen = settings.publicNames().get(0);
        } else if (!blank(bindAddress) && !isWildcard(bindAddress)) {
            chosen = bindAddress.strip();
        } else {
            chosen = localHostName();
        }
        return chosen.contains(":") && !chosen.startsWith("[") ? "[" + chosen + "]" : chosen;
    }

    static boolean isWildcard(String address) {
        try {
            return InetAddress.getByName(address.strip()).isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
