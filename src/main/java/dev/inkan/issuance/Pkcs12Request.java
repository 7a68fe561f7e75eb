package dev.inkan.issuance;

import dev.inkan.engine.RequestRejectedException;
import dev.inkan.engine.Input;
import dev.inkan.engine.InvalidInputException;
import dev.inkan.engine.Pkcs12;
import java.util.Locale;

/**
 * A PKCS#12 download: the password to protect it with and the encryption.
 *
 * @param password   4 to 1024 printable ASCII characters (OpenSSL refuses shorter export passwords)
 * @param encryption {@code modern} (default: AES-256-CBC, PBKDF2-HMAC-SHA256, HMAC-SHA256 MAC; OpenSSL 3, JDK 17+)
 *                   or {@code legacy} (3DES and SHA-1 MAC, for Windows before 1809, macOS before 12, Android before 10)
 */
public record Pkcs12Request(String password, String encryption) {

    public Pkcs12.Encryption validate() {
        Pkcs12.checkPassword(Input.named("password"), password);
        String text = encryption == null || encryption.isBlank() ? "modern" : encryption.strip().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "modern", "aes" -> Pkcs12.Encryption.MODERN;
            case "legacy", "3des" -> Pkcs12.Encryption.LEGACY;
            default -> throw new InvalidInputException("encryption", "unknown encryption '" + RequestRejectedException.abbreviate(encryption)
                    + "'; use modern (default) or legacy (for Windows before 1809, macOS before 12, Android before 10)");
        };
    }
}
