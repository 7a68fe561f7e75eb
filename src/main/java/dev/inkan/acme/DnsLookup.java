package dev.inkan.acme;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * The validator's DNS: every lookup goes to {@code INKAN_ACME_DNS_RESOLVER} (host:port) through the JDK's JNDI
 * DNS provider when it is set, else to the system resolver.
 */
final class DnsLookup {

    private final String resolver;

    DnsLookup(String resolver) {
        this.resolver = resolver == null || resolver.isBlank() ? null : resolver.strip();
    }

    /** The A and AAAA addresses of a name. */
    List<InetAddress> addresses(String name) {
        try {
            if (resolver == null) {
                return List.of(InetAddress.getAllByName(name));
            }
            List<InetAddress> result = new ArrayList<>();
            for (String type : List.of("A", "AAAA")) {
                for (String value : records(name, type)) {
                    result.add(InetAddress.getByAddress(name, InetAddress.getByName(value).getAddress()));
                }
            }
            if (result.isEmpty()) {
                throw new AcmeProblem(AcmeError.DNS, "'" + name + "' has no A or AAAA record at " + resolver);
            }
            return result;
        } catch (UnknownHostException e) {
            throw new AcmeProblem(AcmeError.DNS, "'" + name + "' does not resolve: " + e.getMessage());
        }
    }

    /** The TXT records of a name, each one string (RFC 8555 §8.4). */
    List<String> txt(String name) {
        List<String> values = new ArrayList<>();
        for (String value : records(name, "TXT")) {
            String text = value.strip();
            if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
                text = text.substring(1, text.length() - 1).replace("\" \"", "");
            }
            values.add(text);
        }
        return values;
    }

    private List<String> records(String name, String type) {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
        env.put(Context.PROVIDER_URL, resolver == null ? "dns:" : "dns://" + resolver);
        env.put("com.sun.jndi.dns.timeout.initial", "1000");
        env.put("com.sun.jndi.dns.timeout.retries", "3");
        List<String> values = new ArrayList<>();
        try {
            DirContext context = new InitialDirContext(env);
            try {
                Attributes attributes = context.getAttributes(name.endsWith(".") ? name : name + ".", new String[] {type});
                Attribute attribute = attributes.get(type);
                if (attribute != null) {
                    NamingEnumeration<?> all = attribute.getAll();
                    while (all.hasMore()) {
                        values.add(String.valueOf(all.next()));
                    }
                }
            } finally {
                context.close();
            }
        } catch (javax.naming.NameNotFoundException e) {
            return values;
        } catch (NamingException e) {
            throw new AcmeProblem(AcmeError.DNS, "the " + type + " lookup of '" + name + "' failed" + (resolver == null ? "" : " at " + resolver)
                    + ": " + e.getMessage());
        }
        return values;
    }
}
