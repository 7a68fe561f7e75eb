package dev.inkan.config;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names the HTTPS certificate carries: {@code INKAN_PUBLIC_NAMES}, {@code localhost}, this
 * machine's host name, and as iPAddress entries 127.0.0.1, ::1 and the bound address (every
 * interface's address when bound to 0.0.0.0). Browsers match only the subjectAltName (RFC 6125 §6.4.4).
 */
record ServerNames(List<String> dnsNames, List<String> ipAddresses) {

    private static final Pattern HOST_NAME = Pattern.compile("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final int MAX_INTERFACE_ADDRESSES = 32;

    static ServerNames of(TransportSettings settings, String bindAddress) {
        Set<String> dns = new LinkedHashSet<>();
        Set<String> ips = new LinkedHashSet<>();
        for (String name : settings.publicNames()) {
            (isIpLiteral(name) ? ips : dns).add(normalized(name));
        }
        dns.add("localhost");
        String host = PublicEndpoints.localHostName().toLowerCase(Locale.ROOT);
        if (HOST_NAME.matcher(host).matches() && !host.matches("[0-9.]+")) {
            dns.add(host);
        }
        ips.add("127.0.0.1");
        ips.add("::1");
        if (bindAddress != null && !bindAddress.isBlank()) {
            if (PublicEndpoints.isWildcard(bindAddress)) {
                ips.addAll(interfaceAddresses());
            } else if (isIpLiteral(bindAddress)) {
                ips.add(normalized(bindAddress));
            } else if (HOST_NAME.matcher(bindAddress.strip()).matches()) {
                dns.add(bindAddress.strip().toLowerCase(Locale.ROOT));
            }
        }
        return new ServerNames(List.copyOf(dns), List.copyOf(ips));
    }

    /** Whether a certificate names all of these (else a new one is issued at start-up). */
    boolean coveredBy(X509Certificate certificate) {
        Set<String> present = new LinkedHashSet<>();
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            for (List<?> san : sans == null ? Collections.<List<?>>emptyList() : sans) {
                present.add(normalized(String.valueOf(san.get(1))));
            }
        } catch (CertificateParsingException e) {
            return false;
        }
        List<String> wanted = new ArrayList<>(dnsNames);
        wanted.addAll(ipAddresses);
        return present.containsAll(wanted);
    }

    private static List<String> interfaceAddresses() {
        List<String> addresses = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (!address.isLinkLocalAddress() && !address.isLoopbackAddress() && addresses.size() < MAX_INTERFACE_ADDRESSES) {
                        addresses.add(normalized(address.getHostAddress()));
                    }
                }
            }
        } catch (SocketException e) {
            // No interface list (a restricted container): the loopback addresses and INKAN_PUBLIC_NAMES remain.
        }
        return addresses;
    }

    static boolean isIpLiteral(String name) {
        String value = name.strip();
        return value.contains(":") || value.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    }

    /** Lower case; IP literals in Java's canonical form (no zone, IPv6 expanded as getHostAddress gives it). */
    private static String normalized(String name) {
        String value = name.strip().toLowerCase(Locale.ROOT);
        if (isIpLiteral(value)) {
            int zone = value.indexOf('%');
            value = zone < 0 ? value : value.substring(0, zone);
            try {
                return InetAddress.getByName(value.replace("[", "").replace("]", "")).getHostAddress();
            } catch (UnknownHostException e) {
                return value;
            }
        }
        return value;
    }
}
