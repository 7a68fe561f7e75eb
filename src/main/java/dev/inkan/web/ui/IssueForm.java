package dev.inkan.web.ui;

import com.google.common.net.InetAddresses;
import java.util.Arrays;
import java.util.List;

/**
 * What the issue form holds, as typed: the names box takes DNS names and IP addresses one per line
 * or comma separated, and {@link #dnsNames()} / {@link #ipAddresses()} split it the way the API
 * takes them. Everything else is checked by the service, never here.
 */
public class IssueForm extends SigningForm {

    public String commonName = "";
    public String names = "";
    public String keyType = "ecdsa-p256";

    /** Every entry of the names box: split on commas and white space, empties dropped. */
    static List<String> entries(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }

    /** IP literals (IPv4, IPv6, IPv6 in brackets) go to the iPAddress list; the rest are DNS names. */
    static boolean isIpLiteral(String entry) {
        String bare = entry.startsWith("[") && entry.endsWith("]") ? entry.substring(1, entry.length() - 1) : entry;
        return InetAddresses.isInetAddress(bare);
    }

    List<String> dnsNames() {
        return entries(names).stream().filter(e -> !isIpLiteral(e)).toList();
    }

    List<String> ipAddresses() {
        return entries(names).stream().filter(IssueForm::isIpLiteral).toList();
    }
}
