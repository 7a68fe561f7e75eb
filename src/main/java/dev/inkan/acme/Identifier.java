package dev.inkan.acme;

import com.google.common.net.InetAddresses;
import dev.inkan.engine.RequestRejectedException;
import dev.inkan.engine.Input;
import dev.inkan.engine.SubjectAltNames;
import java.util.Locale;

/**
 * An order's identifier: {@code dns} (RFC 8555 §9.7.7, a wildcard as {@code *.name}) or {@code ip} (RFC 8738),
 * normalised with the engine's own name rules so that what is ordered is what the certificate will say.
 */
public record Identifier(String type, String value) {

    public static final String DNS = "dns";
    public static final String IP = "ip";

    /** Validates and normalises a client's identifier; rejectedIdentifier when it is not a name Inkan certifies. */
    public static Identifier parse(String type, String value) {
        if (value == null || value.isBlank()) {
            throw new AcmeProblem(AcmeError.MALFORMED, "an identifier needs a \"value\"");
        }
        try {
            if (DNS.equals(type)) {
                if (InetAddresses.isInetAddress(value)) {
                    throw new AcmeProblem(AcmeError.REJECTED_IDENTIFIER, "'" + RequestRejectedException.abbreviate(value)
                            + "' is an IP address; order it as {\"type\":\"ip\"} (RFC 8738)");
                }
                return new Identifier(DNS, SubjectAltNames.builder().dns(Input.named("identifiers"), value.strip()).build()
                        .values(SubjectAltNames.Kind.DNS).get(0).toLowerCase(Locale.ROOT));
            }
            if (IP.equals(type)) {
                if (!InetAddresses.isInetAddress(value.strip())) {
                    throw new AcmeProblem(AcmeError.REJECTED_IDENTIFIER, "'" + RequestRejectedException.abbreviate(value) + "' is not an IP address");
                }
                return new Identifier(IP, SubjectAltNames.builder().ip(Input.named("identifiers"), value.strip()).build()
                        .values(SubjectAltNames.Kind.IP).get(0));
            }
        } catch (RequestRejectedException e) {
            throw new AcmeProblem(AcmeError.REJECTED_IDENTIFIER, e.getMessage());
        }
        throw new AcmeProblem(AcmeError.UNSUPPORTED_IDENTIFIER, "identifier type '" + RequestRejectedException.abbreviate(String.valueOf(type))
                + "' is not supported; use \"dns\" or \"ip\"");
    }

    public boolean wildcard() {
        return value.startsWith("*.");
    }

    /** The name an authorization is for: the wildcard's base domain (RFC 8555 §7.1.3). */
    public String authorizationValue() {
        return wildcard() ? value.substring(2) : value;
    }

    /** The identifier of its authorization: the same type, the {@link #authorizationValue()}. */
    Identifier authorization() {
        return new Identifier(type, authorizationValue());
    }

    /** The order's storage form, {@code dns:name}. */
    String encoded() {
        return type + ":" + value;
    }

    static Identifier decode(String text) {
        int colon = text.indexOf(':');
        return new Identifier(text.substring(0, colon), text.substring(colon + 1));
    }
}
