package dev.inkan.config;

import dev.inkan.storage.StartRefusedException;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the service is reached. With TLS on (the default) the UI and API answer over HTTPS on
 * {@code server.port} ({@code INKAN_HTTPS_PORT}, 8443) and plain HTTP on {@link #httpPort()}
 * ({@code INKAN_PORT}, 8080) serves only what must work before the CA is trusted. With
 * {@code INKAN_TLS=off} everything is plain HTTP on {@code INKAN_PORT}, for a TLS-terminating proxy.
 *
 * @param tls             {@code on} (default) or {@code off} ({@code INKAN_TLS})
 * @param httpPort        the plain-HTTP port ({@code INKAN_PORT})
 * @param publicNames     extra DNS names and IP addresses of the server certificate ({@code INKAN_PUBLIC_NAMES}, comma list)
 * @param publicUrl       the plain-HTTP base other machines use, e.g. {@code http://ca.lan:8080} ({@code INKAN_PUBLIC_URL});
 *                        derived from the first public name (else the bind address) and the port when empty
 * @param publicHttpsUrl  the HTTPS base, e.g. behind a proxy ({@code INKAN_PUBLIC_HTTPS_URL}); derived likewise when empty
 * @param certificateDays validity of the server certificate; it is renewed after 2/3 of it
 * @param renewalCheck    how often the server certificate's age is checked
 */
@ConfigurationProperties("inkan.transport")
public record TransportSettings(@DefaultValue("on") String tls, @DefaultValue("8080") int httpPort,
                                @DefaultValue("") List<String> publicNames, String publicUrl, String publicHttpsUrl,
                                @DefaultValue("90") int certificateDays, @DefaultValue("1h") Duration renewalCheck) {

    public TransportSettings {
        publicNames = publicNames == null ? List.of()
                : publicNames.stream().map(String::strip).filter(name -> !name.isEmpty()).toList();
    }

    /** Whether UI and API are served over TLS; anything but on/off (yes/no, true/false) stops the start-up. */
    public boolean tlsEnabled() {
        String value = tls == null ? "on" : tls.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "", "on", "yes", "true", "1" -> true;
            case "off", "no", "false", "0" -> false;
            default -> throw new StartRefusedException("INKAN_TLS=" + tls + " is neither on nor off; "
                    + "set INKAN_TLS=on (HTTPS, the default) or INKAN_TLS=off (plain HTTP behind a TLS-terminating proxy)");
        };
    }
}
