package dev.inkan.web.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP/1.1 request heads (RFC 9112 §3, §5) that {@link InlineRevocationEndpoint} answers on Tomcat's poller
 * thread: complete {@code GET} heads in origin form without a query, HTTP/1.1, exactly one Host, CRLF line ends,
 * only visible ASCII, no body, no upgrade, no {@code Expect}, at most {@code Connection: close}; several when
 * pipelined (RFC 9112 §9.3.2). Anything else, also an incomplete head, parses to {@code null}: Tomcat's own parser
 * then reads the same bytes and decides (and refuses what is malformed or too large).
 */
final class RevocationRequestHeads {

    /** One request head: the target as sent and the fields that change the answer. */
    record Head(String path, String ifNoneMatch, boolean ifModifiedSince, boolean authorization, boolean close) {}

    /** Pipelined requests answered in one go; more are left to Tomcat. */
    static final int MAX_PIPELINED = 32;
    /** Tomcat's default {@code maxHeaderCount}. */
    private static final int MAX_FIELDS = 100;
    private static final byte[] GET = "GET /".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VERSION = " HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);

    private RevocationRequestHeads() {}

    /** The heads filling {@code bytes[from, to)} exactly, or {@code null}. */
    static List<Head> parse(byte[] bytes, int from, int to) {
        List<Head> heads = new ArrayList<>(1);
        int at = from;
        while (at < to) {
            if (heads.size() == MAX_PIPELINED) {
                return null;
            }
            at = parseOne(bytes, at, to, heads);
            if (at < 0 || heads.get(heads.size() - 1).close() && at != to) {
                return null; // nothing may follow a request that closes the connection (RFC 9112 §9.6)
            }
        }
        return heads.isEmpty() ? null : heads;
    }

    /** Adds the head at {@code at} and returns where the next one starts, or -1. */
    private static int parseOne(byte[] b, int at, int to, List<Head> heads) {
        if (!startsWith(b, at, to, GET)) {
            return -1;
        }
        int start = at + GET.length - 1;
        int end = start;
        while (end < to && b[end] != ' ') {
            if (b[end] < 0x21 || b[end] > 0x7e || b[end] == '?' || b[end] == '#') {
                return -1;
            }
            end++;
        }
        if (!startsWith(b, end, to, VERSION)) {
            return -1;
        }
        String path = new String(b, start, end - start, StandardCharsets.ISO_8859_1);
        String ifNoneMatch = null;
        boolean ifModifiedSince = false;
        boolean authorization = false;
        boolean close = false;
        int hosts = 0;
        int line = end + VERSION.length;
        for (int fields = 0; ; fields++) {
            int eol = lineEnd(b, line, to);
            if (eol < 0) {
                return -1;
            }
            if (eol == line) {
                if (hosts != 1) {
                    return -1; // RFC 9112 §3.2: Tomcat answers 400
                }
                heads.add(new Head(path, ifNoneMatch, ifModifiedSince, authorization, close));
                return eol + 2;
            }
            if (fields == MAX_FIELDS) {
                return -1;
            }
            int colon = line;
            while (colon < eol && b[colon] != ':') {
                if (b[colon] == ' ' || b[colon] == '\t') {
                    return -1; // RFC 9112 §5.1: no whitespace in or after a field name; obs-fold
                }
                colon++;
            }
            if (colon == line || colon == eol) {
                return -1;
            }
            int valueStart = colon + 1;
            int valueEnd = eol;
            while (valueStart < valueEnd && (b[valueStart] == ' ' || b[valueStart] == '\t')) {
                valueStart++;
            }
            while (valueEnd > valueStart && (b[valueEnd - 1] == ' ' || b[valueEnd - 1] == '\t')) {
                valueEnd--;
            }
            if (named(b, line, colon, "host")) {
                if (!hostLike(b, valueStart, valueEnd)) {
                    return -1; // Tomcat checks the Host syntax (RFC 9110 §7.2) and answers 400
                }
                hosts++;
            } else if (named(b, line, colon, "connection")) {
                if (!named(b, valueStart, valueEnd, "close")) {
                    return -1; // keep-alive, upgrade: Tomcat's answer carries more headers
                }
                close = true;
            } else if (named(b, line, colon, "if-none-match")) {
                if (ifNoneMatch != null) {
                    return -1;
                }
                ifNoneMatch = new String(b, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1);
            } else if (named(b, line, colon, "if-modified-since")) {
                ifModifiedSince = true;
            } else if (named(b, line, colon, "authorization")) {
                authorization = true;
            } else if (named(b, line, colon, "content-length") || named(b, line, colon, "transfer-encoding")
                    || named(b, line, colon, "upgrade") || named(b, line, colon, "expect")) {
                return -1;
            }
            line = eol + 2;
        }
    }

    /** The CR of the CRLF ending the line at {@code at}; -1 when incomplete or holding a bare CR/LF or a control byte. */
    private static int lineEnd(byte[] b, int at, int to) {
        for (int i = at; i < to; i++) {
            byte c = b[i];
            if (c == '\r') {
                return i + 1 < to && b[i + 1] == '\n' ? i : -1;
            }
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return -1; // also bytes >= 0x80 (negative): obs-text is Tomcat's to judge
            }
        }
        return -1;
    }

    /** reg-name, IPv4 or bracketed IPv6 and a port: the characters of RFC 3986 §3.2.2 without percent-encoding. */
    private static boolean hostLike(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            int c = b[i];
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == ':'
                    || c == '[' || c == ']' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] b, int at, int to, byte[] prefix) {
        if (to - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code b[from, to)} is {@code lowerCaseName}, ignoring ASCII case. */
    private static boolean named(byte[] b, int from, int to, String lowerCaseName) {
        if (to - from != lowerCaseName.length()) {
            return false;
        }
        for (int i = 0; i < lowerCaseName.length(); i++) {
            int c = b[from + i];
            if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != lowerCaseName.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
