package dev.inkan.engine;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * The subjectAltName of a certificate: normalised, validated, de-duplicated, in a stable order
 * (the common name first, then the names in the order given).
 *
 * <p>Chrome 58+, Safari and Go look only at the SAN, never the CN (RFC 6125 §6.4.4), so every
 * name a client may use must be here, DNS names as dNSName and IP literals as iPAddress
 * (RFC 5280 §4.2.1.6). Wildcards are allowed only as the whole left-most label and never over a
 * public suffix (CA/Browser Forum BR §3.2.2.6). Internationalised names are stored in their
 * punycode (A-label) form, and a label that mixes scripts (a homograph such as Cyrillic
 * "а" in "pаypal") is refused.
 */
public final class SubjectAltNames {

    /** The kinds of name Inkan puts in a SAN. */
    public enum Kind {
        DNS, IP, EMAIL, URI
    }

    /** One SAN entry; {@link #toString()} gives openssl's notation, {@code DNS:localhost}. */
    public record Name(Kind kind, String value) {
        @Override
        public String toString() {
            return (kind == Kind.IP ? "IP Address" : kind == Kind.EMAIL ? "email" : kind.name()) + ":" + value;
        }

        GeneralName toGeneralName() {
            return switch (kind) {
                case DNS -> new GeneralName(GeneralName.dNSName, new DERIA5String(value));
                case IP -> new GeneralName(GeneralName.iPAddress,
                        new DEROctetString(InetAddresses.forString(value).getAddress()));
                case EMAIL -> new GeneralName(GeneralName.rfc822Name, new DERIA5String(value));
                case URI -> new GeneralName(GeneralName.uniformResourceIdentifier, new DERIA5String(value));
            };
        }
    }

    /** More names than this is a mistake, not a certificate (browsers slow down on huge SANs). */
    public static final int MAX_NAMES = 100;
    /** RFC 5280 ub-common-name. */
    public static final int MAX_COMMON_NAME = 64;
    private static final int MAX_INPUT = 1024;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
    private static final Pattern EMAIL_LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}");
    private static final Set<Character.UnicodeScript> NEUTRAL = EnumSet.of(
            Character.UnicodeScript.COMMON, Character.UnicodeScript.INHERITED);

    private final List<Name> names;

    private SubjectAltNames(List<Name> names) {
        this.names = List.copyOf(names);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The names, in order, without duplicates. */
    public List<Name> names() {
        return names;
    }

    public List<String> values(Kind kind) {
        return names.stream().filter(n -> n.kind() == kind).map(Name::value).toList();
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    public GeneralNames toGeneralNames() {
        return new GeneralNames(names.stream().map(Name::toGeneralName).toArray(GeneralName[]::new));
    }

    /** Reads the names back out of an encoded SAN (certificates and CSRs); kinds Inkan does not issue are dropped. */
    public static List<Name> decode(GeneralNames generalNames) {
        List<Name> result = new ArrayList<>();
        for (GeneralName name : generalNames.getNames()) {
            switch (name.getTagNo()) {
                case GeneralName.dNSName -> result.add(new Name(Kind.DNS, DERIA5String.getInstance(name.getName()).getString()));
                case GeneralName.rfc822Name -> result.add(new Name(Kind.EMAIL, DERIA5String.getInstance(name.getName()).getString()));
                case GeneralName.uniformResourceIdentifier -> result.add(new Name(Kind.URI, DERIA5String.getInstance(name.getName()).getString()));
                case GeneralName.iPAddress -> {
                    byte[] octets = DEROctetString.getInstance(name.getName()).getOctets();
                    if (octets.length == 4 || octets.length == 16) {
                        result.add(new Name(Kind.IP, toAddressString(octets)));
                    }
                }
                default -> { /* otherName, directoryName...: not issued by Inkan */ }
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return names.stream().map(Name::toString).collect(Collectors.joining(", "));
    }

    /** Collects names from the fields of a request, validating each as it arrives. */
    public static final class Builder {
        private final Set<Name> names = new LinkedHashSet<>();

        /**
         * Adds a name whose kind is recognised from its form: an IP literal (IPv6 with or without
         * brackets), an e-mail address, a URI, or else a DNS name.
         */
        public Builder add(Input field, String raw) {
            String text = clean(field, raw);
            if (looksLikeIp(text)) {
                return add(new Name(Kind.IP, normaliseIp(field, text)));
            }
            if (text.contains("://")) {
                return add(new Name(Kind.URI, uri(field, text)));
            }
            if (text.indexOf('@') >= 0) {
                return add(new Name(Kind.EMAIL, email(field, text)));
            }
            return add(new Name(Kind.DNS, normaliseDns(field, text)));
        }

        public Builder addAll(Input field, Collection<String> raw) {
            if (raw != null) {
                raw.forEach(r -> add(field, r));
            }
            return this;
        }

        /** Adds a DNS name; an IP literal given here is filed as an iPAddress (what the user meant). */
        public Builder dns(Input field, String raw) {
            String text = clean(field, raw);
            return looksLikeIp(text) ? add(new Name(Kind.IP, normaliseIp(field, text))) : add(new Name(Kind.DNS, normaliseDns(field, text)));
        }

        /** Adds an IPv4 or IPv6 literal; anything else is refused. */
        public Builder ip(Input field, String raw) {
            return add(new Name(Kind.IP, normaliseIp(field, clean(field, raw))));
        }

        public SubjectAltNames build() {
            return new SubjectAltNames(new ArrayList<>(names));
        }

        private Builder add(Name name) {
            if (names.add(name) && names.size() > MAX_NAMES) {
                throw new InvalidInputException(Field.DNS_NAMES, "too many names: at most " + MAX_NAMES
                        + " fit in one certificate; issue several certificates instead");
            }
            return this;
        }
    }

    /**
     * Classifies a common name: its SAN entry when it is a host name, IP or e-mail address,
     * empty when it is free text (allowed only where {@code mustBeName} is false, e.g. a client
     * certificate's "Jane Doe").
     */
    public static Optional<Name> nameOfCommonName(Input field, String commonName, boolean mustBeName) {
        if (commonName == null || commonName.isBlank()) {
            throw new InvalidInputException(field, "the common name is empty; write a host name such as app.test");
        }
        String text = commonName.strip();
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(field, "the common name contains a control character; write it on one line");
        }
        if (text.length() > MAX_COMMON_NAME) {
            throw new InvalidInputException(field, "the common name is longer than " + MAX_COMMON_NAME
                    + " characters (RFC 5280 ub-common-name); use a shorter common name and put the long name in the DNS names");
        }
        try {
            SubjectAltNames one = builder().add(field, text).build();
            return Optional.of(one.names().get(0));
        } catch (InvalidInputException e) {
            if (mustBeName) {
                throw e;
            }
            return Optional.empty();
        }
    }

    private static String clean(Input field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException(field, "a name is empty; remove it or write a host name such as app.test");
        }
        if (raw.length() > MAX_INPUT) {
            throw new InvalidInputException(field, "a name is " + raw.length() + " characters long; host names are at most 253");
        }
        String text = raw.strip();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c)) {
                throw new InvalidInputException(field, "'" + RequestRejectedException.abbreviate(text)
                        + "' contains a space or control character; write one name per entry");
            }
        }
        return text;
    }

    private static boolean looksLikeIp(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        return text.indexOf(':') >= 0 && !text.contains("://") || bare.matches("[0-9.]+") || InetAddresses.isInetAddress(bare);
    }

    static String normaliseIp(Input field, String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (bare.indexOf('%') >= 0 || !InetAddresses.isInetAddress(bare)) {
            throw new InvalidInputException(field, "'" + RequestRejectedException.abbreviate(text)
                    + "' is not an IPv4 or IPv6 address; write e.g. 127.0.0.1 or ::1 (no zone id, no port)");
        }
        return InetAddresses.toAddrString(InetAddresses.forString(bare));
    }

    static String toAddressString(byte[] octets) {
        try {
            return InetAddresses.toAddrString(InetAddress.getByAddress(octets));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("bad IP address length " + octets.length, e);
        }
    }

    /** Validates and normalises a DNS name (or wildcard) to lower-case A-labels without a trailing dot. */
    static String normaliseDns(Input field, String text) {
        String name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        boolean wildcard = name.startsWith("*.");
        String base = wildcard ? name.substring(2) : name;
        if (base.indexOf('*') >= 0) {
            throw new InvalidInputException(field, "'" + RequestRejectedException.abbreviate(text)
                    + "': a wildcard may only be the whole left-most label, as in *.example.test");
        }
        String ascii = toAscii(field, text, base).toLowerCase(Locale.ROOT);
        if (ascii.isEmpty() || ascii.length() > 253 - (wildcard ? 2 : 0)) {
            throw new InvalidInputException(field, "'" + RequestRejectedException.abbreviate(text)
                    + "' is not a host name: a name has 1 to 253 characters");
        }
        String[] labels = ascii.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new InvalidInputException(field, "'" + RequestRejectedException.abbreviate(text) + "' is not a valid host name: each dot-separated"
                        + " label needs 1 to 63 letters, digits, '-' or '_', and may not start or end with '-'");
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw new InvalidInputException(field, "'" + RequestRejectedException.abbreviate(text)
                    + "' is neither a valid IP address nor a host name (a top-level label cannot be all digits)");
        }
        if (wildcard) {
            if (labels.length < 2 || isPublicSuffix(ascii)) {
                throw new PolicyViolationException(field, "'" + RequestRejectedException.abbreviate(text) + "' would cover every name under the public suffix '"
                        + ascii + "'; browsers refuse such wildcards: use a wildcard under a domain you control, e.g. *.app." + ascii);
            }
            return "*." + ascii;
        }
        return ascii;
    }

    private static boolean isPublicSuffix(String ascii) {
        try {
            return InternetDomainName.from(ascii).isPublicSuffix();
        } catch (IllegalArgumentException e) {
            return false; // underscores and other names Guava's stricter syntax refuses are not public suffixes
        }
    }

    private static String toAscii(Input field, String original, String name) {
        if (name.chars().allMatch(c -> c < 0x80)) {
            return name;
        }
        for (String label : name.split("\\.")) {
            Set<Character.UnicodeScript> scripts = label.codePoints()
                    .filter(Character::isLetter)
                    .mapToObj(Character.UnicodeScript::of)
                    .filter(s -> !NEUTRAL.contains(s))
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(Character.UnicodeScript.class)));
            scripts.removeAll(EnumSet.of(Character.UnicodeScript.HIRAGANA, Character.UnicodeScript.KATAKANA,
                    Character.UnicodeScript.HAN, Character.UnicodeScript.HANGUL));
            boolean cjk = label.codePoints().anyMatch(c -> isCjk(Character.UnicodeScript.of(c)));
            if (scripts.size() > 1 || (cjk && scripts.stream().anyMatch(s -> s != Character.UnicodeScript.LATIN))) {
                throw new InvalidInputException(field, "'" + RequestRejectedException.abbreviate(original) + "' mixes scripts " + scripts
                        + " in one label, the mark of a homograph (look-alike) name; write the name in one script");
            }
        }
        try {
            return IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "'" + RequestRejectedException.abbreviate(original)
                    + "' is not a valid internationalised host name: " + e.getMessage());
        }
    }

    private static boolean isCjk(Character.UnicodeScript script) {
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }

    private static String email(Input field, String text) {
        int at = text.lastIndexOf('@');
        String local = text.substring(0, at);
        if (!EMAIL_LOCAL.matcher(local).matches() || local.startsWith(".") || local.endsWith(".")) {
            throw new InvalidInputException(field, "'" + RequestRejectedException.abbreviate(text) + "' is not an e-mail address; write e.g. jane@example.test");
        }
        return local + "@" + normaliseDns(field, text.substring(at + 1));
    }

    private static String uri(Input field, String text) {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || !text.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new URISyntaxException(text, "not an absolute ASCII URI");
            }
            return uri.toASCIIString();
        } catch (URISyntaxException e) {
            throw new InvalidInputException(field, "'" + RequestRejectedException.abbreviate(text)
                    + "' is not an absolute URI; write e.g. spiffe://cluster.local/ns/default/sa/web");
        }
    }
}
