package dev.inkan.operations;

import dev.inkan.engine.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A new subscription as {@code POST /api/v1/webhooks} takes it.
 *
 * @param url                where to send: an {@code http} or {@code https} URL (signed JSON POST), or
 *                           {@code mailto:a@example.com,b@example.com} (e-mail over the configured SMTP server)
 * @param events             any of {@code certificate.issued}, {@code certificate.revoked}, {@code certificate.expiring},
 *                           {@code certificate.expired}, {@code ca.expiring}
 * @param secret             the HMAC-SHA256 key for {@code X-Inkan-Signature}, 16 to 256 characters; generated (and
 *                           returned once) when absent
 * @param expiringWithinDays the threshold of {@code certificate.expiring} and {@code ca.expiring}, 1 to 3650, default 30
 */
public record SubscriptionRequest(String url, List<String> events, String secret, Integer expiringWithinDays) {

    public static final int DEFAULT_EXPIRING_DAYS = 30;
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s,;<>\"]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}|[^@\\s,;<>\"]+@localhost");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A checked request; {@code secret} is the caller's or a fresh random one. */
    public record Valid(String target, Set<EventType> events, String secret, int expiringWithinDays) {
        public boolean email() {
            return target.startsWith("mailto:");
        }
    }

    public Valid validate() {
        String target = target(url);
        if (events == null || events.isEmpty()) {
            throw new InvalidInputException("events", "name at least one event: " + EventType.subscribableIds());
        }
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        for (String event : events) {
            types.add(EventType.subscribable("events", event));
        }
        int days = expiringWithinDays == null ? DEFAULT_EXPIRING_DAYS : expiringWithinDays;
        if (days < 1 || days > 3650) {
            throw new InvalidInputException("expiringWithinDays", "expiringWithinDays is 1 to 3650; " + days + " is outside that");
        }
        String key = secret;
        if (key == null || key.isEmpty()) {
            byte[] random = new byte[32];
            RANDOM.nextBytes(random);
            key = HexFormat.of().formatHex(random);
        } else if (key.length() < 16 || key.length() > 256 || key.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("secret", "the secret is 16 to 256 printable characters (or leave it out and one is"
                    + " generated): e.g. openssl rand -hex 32");
        }
        return new Valid(target, types, key, days);
    }

    private static String target(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidInputException("url", "url is required: an http(s) URL of your receiver, or mailto:ops@example.com");
        }
        String text = url.strip();
        if (text.length() > 2048) {
            throw new InvalidInputException("url", "url is at most 2048 characters");
        }
        if (text.regionMatches(true, 0, "mailto:", 0, 7)) {
            String[] recipients = text.substring(7).split(",");
            if (recipients.length > 20) {
                throw new InvalidInputException("url", "at most 20 recipients in one mailto: subscription");
            }
            for (String recipient : recipients) {
                if (!ADDRESS.matcher(recipient.strip()).matches()) {
                    throw new InvalidInputException("url", "'" + InvalidInputException.abbreviate(recipient)
                            + "' is not an e-mail address; write mailto:ops@example.com,dev@example.com");
                }
            }
            return "mailto:" + String.join(",", List.of(recipients).stream().map(String::strip).toList());
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("url", "url is not a valid URL (" + e.getReason() + "); e.g. https://hooks.example.com/inkan");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidInputException("url", "only http and https URLs (or mailto:) can be subscribed; '"
                    + InvalidInputException.abbreviate(text) + "' is neither");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new InvalidInputException("url", "url needs a host name: e.g. https://hooks.example.com/inkan");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidInputException("url", "no user name or password in the URL (it would be shown in lists); receivers"
                    + " authenticate Inkan by the X-Inkan-Signature HMAC instead");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidInputException("url", "a URL fragment (#...) is never sent to a server; remove it");
        }
        return uri.toString();
    }
}
