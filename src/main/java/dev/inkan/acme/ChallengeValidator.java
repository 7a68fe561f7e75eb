package dev.inkan.acme;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x509.Extensions;

/**
 * Proves control of an identifier the way each challenge type says; throws an {@link AcmeProblem}
 * ({@code connection}, {@code dns}, {@code incorrectResponse}, {@code tls}) that becomes the challenge's error.
 */
final class ChallengeValidator {

    private static final int TIMEOUT_MS = 10_000;
    private static final int MAX_RESPONSE = 64 * 1024;
    /** RFC 8737 §3: id-pe-acmeIdentifier. */
    static final String ACME_IDENTIFIER_OID = "1.3.6.1.5.5.7.1.31";

    private final DnsLookup dns;
    private final int http01Port;
    private final int tlsAlpn01Port;

    ChallengeValidator(AcmeProperties properties) {
        this.dns = new DnsLookup(properties.dnsResolver());
        this.http01Port = properties.http01Port();
        this.tlsAlpn01Port = properties.tlsalpn01Port();
    }

    void validate(ChallengeType type, Identifier identifier, String token, String keyAuthorization) {
        switch (type) {
            case HTTP_01 -> http01(identifier, token, keyAuthorization);
            case DNS_01 -> dns01(identifier, keyAuthorization);
            case TLS_ALPN_01 -> tlsAlpn01(identifier, keyAuthorization);
        }
    }

    /** RFC 8555 §8.3: GET http://NAME:80/.well-known/acme-challenge/TOKEN answers the key authorization. */
    private void http01(Identifier identifier, String token, String keyAuthorization) {
        String host = identifier.type().equals(Identifier.IP) && identifier.value().contains(":") ? "[" + identifier.value() + "]" : identifier.value();
        String request = "GET /.well-known/acme-challenge/" + token + " HTTP/1.1\r\nHost: " + host
                + "\r\nUser-Agent: Inkan-ACME-validator\r\nAccept: */*\r\nConnection: close\r\n\r\n";
        String failure = null;
        for (InetAddress address : addresses(identifier)) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, http01Port), TIMEOUT_MS);
                socket.setSoTimeout(TIMEOUT_MS);
                OutputStream out = socket.getOutputStream();
                out.write(request.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String response = readAll(socket.getInputStream());
                int headerEnd = response.indexOf("\r\n\r\n");
                String statusLine = response.lines().findFirst().orElse("");
                if (!statusLine.matches("HTTP/1\\.[01] 200.*")) {
                    throw new AcmeProblem(AcmeError.UNAUTHORIZED, "http-01: " + url(host, token) + " answered '" + statusLine
                            + "'; serve the key authorization there with status 200");
                }
                String headers = headerEnd < 0 ? "" : response.substring(0, headerEnd).toLowerCase(java.util.Locale.ROOT);
                String body = headerEnd < 0 ? "" : response.substring(headerEnd + 4);
                if (headers.contains("transfer-encoding: chunked")) {
                    body = dechunk(body);
                }
                if (!body.strip().equals(keyAuthorization)) {
                    throw new AcmeProblem(AcmeError.INCORRECT_RESPONSE, "http-01: " + url(host, token) + " answered '"
                            + dev.inkan.engine.RequestRejectedException.abbreviate(body.strip()) + "', not the key authorization");
                }
                return;
            } catch (IOException e) {
                failure = "http-01: cannot fetch " + url(host, token) + " from " + address.getHostAddress() + ": " + e.getMessage();
            }
        }
        throw new AcmeProblem(AcmeError.CONNECTION, failure + "; is the client's HTTP server reachable on port " + http01Port + "?");
    }

    private String url(String host, String token) {
        return "http://" + host + (http01Port == 80 ? "" : ":" + http01Port) + "/.well-known/acme-challenge/" + token;
    }

    /** RFC 8555 §8.4: a TXT record _acme-challenge.NAME with base64url(SHA-256(key authorization)). */
    private void dns01(Identifier identifier, String keyAuthorization) {
        String name = "_acme-challenge." + identifier.authorizationValue();
        String expected = digest(keyAuthorization);
        List<String> values = dns.txt(name);
        if (!values.contains(expected)) {
            throw new AcmeProblem(AcmeError.UNAUTHORIZED, "dns-01: the TXT records of " + name + " are " + values + "; add one with \""
                    + expected + "\" and wait for it to be served");
        }
    }

    /** RFC 8737 §3: TLS with ALPN acme-tls/1 and SNI NAME presents a certificate for NAME with acmeIdentifier = SHA-256(key authorization). */
    private void tlsAlpn01(Identifier identifier, String keyAuthorization) {
        String sni = identifier.type().equals(Identifier.IP) ? reverseName(identifier.value()) : identifier.value();
        String failure = null;
        for (InetAddress address : addresses(identifier)) {
            TlsAlpnProbe.Answer answer;
            try {
                answer = TlsAlpnProbe.probe(new InetSocketAddress(address, tlsAlpn01Port), sni, TIMEOUT_MS);
            } catch (IOException e) {
                failure = "tls-alpn-01: TLS to " + address.getHostAddress() + ":" + tlsAlpn01Port + " failed: " + e.getMessage();
                continue;
            }
            if (!TlsAlpnProbe.ACME_TLS.equals(answer.protocol())) {
                throw new AcmeProblem(AcmeError.TLS, "tls-alpn-01: the server did not negotiate ALPN acme-tls/1 (it chose "
                        + answer.protocol() + ")");
            }
            checkAlpnCertificate(answer.certificate(), identifier, keyAuthorization);
            return;
        }
        throw new AcmeProblem(AcmeError.CONNECTION, failure);
    }

    static void checkAlpnCertificate(byte[] der, Identifier identifier, String keyAuthorization) {
        Extensions certificate = extensions(der);
        GeneralNames names = GeneralNames.fromExtensions(certificate, Extension.subjectAlternativeName);
        int kind = identifier.type().equals(Identifier.IP) ? GeneralName.iPAddress : GeneralName.dNSName;
        GeneralName[] entries = names == null ? new GeneralName[0] : names.getNames();
        boolean exact = entries.length == 1 && entries[0].getTagNo() == kind && sameName(entries[0], identifier);
        if (!exact) {
            throw new AcmeProblem(AcmeError.INCORRECT_RESPONSE, "tls-alpn-01: the certificate's subjectAltName must be exactly "
                    + identifier.value());
        }
        Extension extension = certificate.getExtension(new ASN1ObjectIdentifier(ACME_IDENTIFIER_OID));
        if (extension == null || !extension.isCritical()) {
            throw new AcmeProblem(AcmeError.INCORRECT_RESPONSE, "tls-alpn-01: the certificate lacks the critical acmeIdentifier extension");
        }
        byte[] value;
        try {
            value = ASN1OctetString.getInstance(extension.getParsedValue()).getOctets();
        } catch (RuntimeException e) {
            throw new AcmeProblem(AcmeError.INCORRECT_RESPONSE, "tls-alpn-01: acmeIdentifier is not an OCTET STRING");
        }
        if (!MessageDigest.isEqual(value, sha256(keyAuthorization))) {
            throw new AcmeProblem(AcmeError.INCORRECT_RESPONSE, "tls-alpn-01: acmeIdentifier is not SHA-256 of the key authorization");
        }
    }

    /**
     * The extensions of a DER certificate, read from its TBSCertificate ([3] EXPLICIT, RFC 5280 §4.1) without the
     * checks of a full parser: validation certificates may have an empty issuer and subject.
     */
    private static Extensions extensions(byte[] der) {
        try {
            ASN1Sequence tbs = ASN1Sequence.getInstance(ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der)).getObjectAt(0));
            for (int i = 0; i < tbs.size(); i++) {
                if (tbs.getObjectAt(i) instanceof ASN1TaggedObject tagged && tagged.getTagNo() == 3) {
                    return Extensions.getInstance(tagged.getExplicitBaseObject());
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new AcmeProblem(AcmeError.TLS, "tls-alpn-01: the server's certificate cannot be decoded: " + e.getMessage());
        }
        throw new AcmeProblem(AcmeError.INCORRECT_RESPONSE, "tls-alpn-01: the certificate has no extensions");
    }

    private static boolean sameName(GeneralName name, Identifier identifier) {
        if (identifier.type().equals(Identifier.IP)) {
            byte[] octets = ASN1OctetString.getInstance(name.getName()).getOctets();
            return java.util.Arrays.equals(octets, com.google.common.net.InetAddresses.forString(identifier.value()).getAddress());
        }
        return name.getName().toString().equalsIgnoreCase(identifier.value());
    }

    private List<InetAddress> addresses(Identifier identifier) {
        if (identifier.type().equals(Identifier.IP)) {
            return List.of(com.google.common.net.InetAddresses.forString(identifier.value()));
        }
        return dns.addresses(identifier.authorizationValue());
    }

    /** RFC 8738 §6: the reverse-mapping name of an IP address, used as SNI. */
    static String reverseName(String ip) {
        InetAddress address = com.google.common.net.InetAddresses.forString(ip);
        byte[] octets = address.getAddress();
        StringBuilder name = new StringBuilder();
        if (address instanceof Inet6Address) {
            for (int i = octets.length - 1; i >= 0; i--) {
                name.append(Character.forDigit(octets[i] & 0xF, 16)).append('.').append(Character.forDigit((octets[i] >> 4) & 0xF, 16)).append('.');
            }
            return name.append("ip6.arpa").toString();
        }
        for (int i = octets.length - 1; i >= 0; i--) {
            name.append(octets[i] & 0xFF).append('.');
        }
        return name.append("in-addr.arpa").toString();
    }

    static String digest(String keyAuthorization) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(keyAuthorization));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) > 0 && out.size() < MAX_RESPONSE) {
            out.write(buffer, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String dechunk(String body) {
        StringBuilder result = new StringBuilder();
        int position = 0;
        while (position < body.length()) {
            int lineEnd = body.indexOf("\r\n", position);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(body.substring(position, lineEnd).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            result.append(body, lineEnd + 2, Math.min(body.length(), lineEnd + 2 + size));
            position = lineEnd + 2 + size + 2;
        }
        return result.toString();
    }
}
