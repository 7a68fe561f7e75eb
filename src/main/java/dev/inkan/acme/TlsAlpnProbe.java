package dev.inkan.acme;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * The first half of a TLS 1.2 handshake (RFC 5246 §7.4) with SNI (RFC 6066) and ALPN {@code acme-tls/1} (RFC 7301),
 * read up to the server's Certificate message: what tls-alpn-01 (RFC 8737 §3) inspects. The certificate is taken
 * as sent, because the JDK's TLS stack refuses to parse a certificate with an empty subject and a non-critical
 * subjectAltName, which Go-based ACME clients (lego, Caddy, pebble-challtestsrv) present.
 */
final class TlsAlpnProbe {

    static final String ACME_TLS = "acme-tls/1";
    private static final int MAX_HANDSHAKE = 256 * 1024;

    /** What the server answered: the negotiated protocol (or null) and its leaf certificate (DER). */
    record Answer(String protocol, byte[] certificate) {}

    private TlsAlpnProbe() {}

    static Answer probe(InetSocketAddress address, String serverName, int timeoutMs) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, timeoutMs);
            socket.setSoTimeout(timeoutMs);
            socket.getOutputStream().write(clientHello(serverName));
            socket.getOutputStream().flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            ByteArrayOutputStream handshake = new ByteArrayOutputStream();
            String protocol = null;
            while (handshake.size() < MAX_HANDSHAKE) {
                int type = in.readUnsignedByte();
                in.readUnsignedShort();
                byte[] fragment = new byte[in.readUnsignedShort()];
                in.readFully(fragment);
                if (type == 21) {
                    throw new IOException("the server sent TLS alert " + (fragment.length > 1 ? fragment[1] & 0xFF : -1)
                            + (fragment.length > 1 && fragment[1] == 120 ? " (no_application_protocol: acme-tls/1 not offered)" : ""));
                }
                if (type != 22) {
                    throw new IOException("unexpected TLS record type " + type + " before the Certificate message");
                }
                handshake.write(fragment);
                byte[] data = handshake.toByteArray();
                int position = 0;
                while (position + 4 <= data.length) {
                    int messageType = data[position] & 0xFF;
                    int length = ((data[position + 1] & 0xFF) << 16) | ((data[position + 2] & 0xFF) << 8) | (data[position + 3] & 0xFF);
                    if (position + 4 + length > data.length) {
                        break;
                    }
                    if (messageType == 2) {
                        protocol = alpn(data, position + 4, length);
                    } else if (messageType == 11) {
                        return new Answer(protocol, firstCertificate(data, position + 4));
                    }
                    position += 4 + length;
                }
            }
            throw new IOException("no Certificate message within " + MAX_HANDSHAKE + " bytes");
        } catch (EOFException e) {
            throw new IOException("the server closed the connection during the TLS handshake", e);
        }
    }

    private static byte[] clientHello(String serverName) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(3);
        body.write(3);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        body.writeBytes(random);
        body.write(0);
        // ECDHE-ECDSA/RSA AES-GCM and ChaCha20, then plain RSA suites for old stacks
        int[] suites = {0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc009, 0xc013, 0x009c, 0x009d, 0x002f, 0x0035};
        u16(body, suites.length * 2);
        for (int suite : suites) {
            u16(body, suite);
        }
        body.write(1);
        body.write(0);
        ByteArrayOutputStream extensions = new ByteArrayOutputStream();
        byte[] name = serverName.getBytes(StandardCharsets.US_ASCII);
        extension(extensions, 0, concat(u16(name.length + 3), new byte[] {0}, u16(name.length), name));
        extension(extensions, 10, concat(u16(6), u16(0x001d), u16(0x0017), u16(0x0018)));
        extension(extensions, 11, new byte[] {1, 0});
        int[] signatures = {0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0807};
        ByteArrayOutputStream algorithms = new ByteArrayOutputStream();
        u16(algorithms, signatures.length * 2);
        for (int signature : signatures) {
            u16(algorithms, signature);
        }
        extension(extensions, 13, algorithms.toByteArray());
        byte[] protocol = ACME_TLS.getBytes(StandardCharsets.US_ASCII);
        extension(extensions, 16, concat(u16(protocol.length + 1), new byte[] {(byte) protocol.length}, protocol));
        u16(body, extensions.size());
        body.writeBytes(extensions.toByteArray());
        byte[] hello = concat(new byte[] {1, 0}, u16(body.size()), body.toByteArray());
        return concat(new byte[] {22, 3, 1}, u16(hello.length), hello);
    }

    /** The ALPN protocol a ServerHello selected, or null. */
    private static String alpn(byte[] data, int start, int length) {
        int position = start + 2 + 32;
        position += 1 + (data[position] & 0xFF);
        position += 2 + 1;
        int end = start + length;
        if (position + 2 > end) {
            return null;
        }
        position += 2;
        while (position + 4 <= end) {
            int type = ((data[position] & 0xFF) << 8) | (data[position + 1] & 0xFF);
            int size = ((data[position + 2] & 0xFF) << 8) | (data[position + 3] & 0xFF);
            if (type == 16 && size >= 3) {
                int nameLength = data[position + 6] & 0xFF;
                return new String(data, position + 7, nameLength, StandardCharsets.US_ASCII);
            }
            position += 4 + size;
        }
        return null;
    }

    private static byte[] firstCertificate(byte[] data, int start) throws IOException {
        int position = start + 3;
        int length = ((data[position] & 0xFF) << 16) | ((data[position + 1] & 0xFF) << 8) | (data[position + 2] & 0xFF);
        if (length <= 0 || position + 3 + length > data.length) {
            throw new IOException("the server's Certificate message is empty");
        }
        byte[] der = new byte[length];
        System.arraycopy(data, position + 3, der, 0, length);
        return der;
    }

    private static void extension(ByteArrayOutputStream out, int type, byte[] value) {
        u16(out, type);
        u16(out, value.length);
        out.writeBytes(value);
    }

    private static void u16(ByteArrayOutputStream out, int value) {
        out.write((value >> 8) & 0xFF);
        out.write(value & 0xFF);
    }

    private static byte[] u16(int value) {
        return new byte[] {(byte) (value >> 8), (byte) value};
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
