package dev.inkan.authority;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that protects private keys at rest: AES-256-GCM (NIST SP 800-38D) with a fresh 96-bit
 * nonce per value and the row's identity as associated data, so a sealed key copied into another
 * row does not open. The key comes from {@code INKAN_MASTER_KEY} (base64 of 32 bytes) or from a
 * file {@code master.key} made 0600 in the data directory when the database is still empty.
 */
public final class MasterKey {

    public static final String FILE_NAME = "master.key";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte VERSION = 1;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    private MasterKey(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The key from base64 text, as given in {@code INKAN_MASTER_KEY}. */
    public static MasterKey fromBase64(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("INKAN_MASTER_KEY must be base64 of 32 random bytes;"
                    + " make one with: openssl rand -base64 32");
        }
        return new MasterKey(bytes);
    }

    /** The key in an existing key file (base64 of 32 bytes, as {@link #create} writes it). */
    public static MasterKey read(Path file) throws IOException {
        return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
    }

    /**
     * A new random key, written to a new 0600 file and forced to the disk (file and directory) before it
     * seals anything: a key lost to a power cut would leave the keys sealed with it unreadable.
     */
    public static MasterKey create(Path file) throws IOException {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        byte[] text = (Base64.getEncoder().encodeToString(fresh) + "\n").getBytes(StandardCharsets.US_ASCII);
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            channel.write(ByteBuffer.wrap(text));
            channel.force(true);
        }
        try (FileChannel directory = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        }
        return new MasterKey(fresh);
    }

    /** {@code version || nonce || ciphertext+tag}. */
    public byte[] seal(byte[] plaintext, String associatedData) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt with AES-256-GCM", e);
        }
    }

    public byte[] open(byte[] sealed, String associatedData) {
        try {
            if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
                throw new IllegalStateException("a stored key is not in Inkan's sealed format");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalStateException("a stored key does not decrypt with this master key: INKAN_MASTER_KEY or "
                    + FILE_NAME + " is not the one the keys were sealed with; restore the original master key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt with AES-256-GCM", e);
        }
    }
}
