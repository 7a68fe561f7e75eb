package dev.inkan.operations;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SMTP server for {@code mailto:} subscriptions ({@code INKAN_SMTP_HOST}, {@code INKAN_SMTP_PORT},
 * {@code INKAN_SMTP_USERNAME}, {@code INKAN_SMTP_PASSWORD}, {@code INKAN_SMTP_STARTTLS}, {@code INKAN_SMTP_FROM}).
 * Without a host, e-mail subscriptions are refused.
 *
 * @param starttls require STARTTLS (RFC 3207) before credentials or messages are sent; on by default
 */
@ConfigurationProperties("inkan.smtp")
public record SmtpProperties(String host, @DefaultValue("587") int port, String username, String password,
                             @DefaultValue("true") boolean starttls, @DefaultValue("inkan@localhost") String from) {

    public boolean configured() {
        return host != null && !host.isBlank();
    }

    /** Never prints the password (beans that hold these settings may be printed). */
    @Override
    public String toString() {
        return "SmtpProperties[host=" + host + ", port=" + port + ", username=" + username + ", password="
                + (password == null ? "(none)" : "(set)") + ", starttls=" + starttls + ", from=" + from + "]";
    }
}
