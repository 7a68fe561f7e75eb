package dev.inkan.oneshot;

import dev.inkan.engine.CaCertificateCheck;
import dev.inkan.engine.InvalidInputException;
import dev.inkan.engine.IssuingAuthority;
import dev.inkan.engine.Pem;
import dev.inkan.engine.PolicyViolationException;
import dev.inkan.engine.RequestRejectedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A CA key and certificate found in a one-shot output directory, to be reused as omgwtfssl does
 * — but only after {@link CaCertificateCheck} (omgwtfssl never checked that the key matches, that
 * the CA has not expired, or that it is a CA at all).
 *
 * @param keyPem         the key file's text, as found
 * @param certificatePem the certificate file's text, as found
 */
public record ExistingCa(IssuingAuthority authority, String keyPem, String certificatePem) {

    /** CA files are a few KiB; anything larger is not a CA file. */
    private static final long MAX_FILE_SIZE = 1 << 20;

    /** The checked CA in {@code directory}, or null when neither CA file is there (a new CA is made). */
    public static ExistingCa read(Path directory, OneShotRequest.FileNames names, Instant now) {
        Path keyFile = directory.resolve(names.caKey());
        Path certFile = directory.resolve(names.caCert());
        // lstat, not stat: a dangling link is still something in the directory, and is refused below
        boolean hasKey = Files.exists(keyFile, LinkOption.NOFOLLOW_LINKS);
        boolean hasCert = Files.exists(certFile, LinkOption.NOFOLLOW_LINKS);
        if (!hasKey && !hasCert) {
            return null;
        }
        if (!hasCert) {
            throw new InvalidInputException("CA_CERT", keyFile + " exists but " + certFile + " does not;"
                    + " put the CA certificate beside its key, or remove " + names.caKey() + " to have a new CA made");
        }
        if (!hasKey) {
            throw new InvalidInputException("CA_KEY", certFile + " exists but " + keyFile + " does not;"
                    + " put the CA key beside its certificate, or remove " + names.caCert() + " to have a new CA made");
        }
        String keyPem = readText("CA_KEY", keyFile);
        String certPem = readText("CA_CERT", certFile);
        if (keyPem.contains("ENCRYPTED")) {
            throw new InvalidInputException("CA_KEY", keyFile + " is encrypted and oneshot reads only unencrypted CA keys;"
                    + " decrypt it first: openssl pkey -in " + names.caKey() + " -out " + names.caKey());
        }
        PrivateKey key = Pem.readPrivateKey("CA_KEY", keyPem, null);
        List<X509Certificate> chain = Pem.readCertificates("CA_CERT", certPem);
        try {
            CaCertificateCheck.requireUsable("CA_CERT", chain.get(0), key, now);
        } catch (RequestRejectedException e) {
            throw new PolicyViolationException(e.field(OneShotIssuance::variable), "the CA in " + certFile + " and " + keyFile + " cannot be reused: "
                    + e.getMessage());
        }
        return new ExistingCa(IssuingAuthority.of(chain, key), keyPem, certPem);
    }

    /**
     * Reads a CA file without following a link: the directory's owner may be another user than this
     * process (root in a container), and a link to a root-only key would have root sign with it for them.
     */
    private static String readText(String variable, Path file) {
        if (Files.isSymbolicLink(file)) {
            throw new InvalidInputException(variable, file + " is a symbolic link; oneshot reads a reused CA only from plain"
                    + " files in the directory: copy the file there, or remove the link to have a new CA made");
        }
        try (SeekableByteChannel channel = Files.newByteChannel(file, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || channel.size() > MAX_FILE_SIZE) {
                throw new InvalidInputException(variable, file + " is not a regular PEM file of at most 1 MiB;"
                        + " remove it to have a new CA made");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) channel.size());
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read it all
            }
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new InvalidInputException(variable, "cannot read " + file + " (" + e.getMessage()
                    + "); make it readable, or remove it to have a new CA made");
        }
    }
}
