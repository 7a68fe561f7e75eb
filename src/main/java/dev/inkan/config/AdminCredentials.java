package dev.inkan.config;

import dev.inkan.storage.StartRefusedException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The admin's credentials. The API token comes from {@code INKAN_ADMIN_TOKEN}, or is generated on
 * first start (256 random bits), written once 0600 to {@code <data-dir>/admin-token} and kept in the
 * database only as its SHA-256. The UI password of user {@code admin} is {@code INKAN_ADMIN_PASSWORD}
 * when set, else the same token. Neither is ever logged; comparisons are constant-time.
 */
@Component
public class AdminCredentials {

    public static final String USERNAME = "admin";
    public static final String TOKEN_FILE = "admin-token";
    private static final String SETTING = "admin-token-sha256";
    private static final Logger log = LoggerFactory.getLogger(AdminCredentials.class);

    private final byte[] tokenHash;
    private final byte[] passwordHash;
    private final Path tokenFile;

    public AdminCredentials(InkanProperties properties, JdbcClient jdbc, Environment environment) {
        refuseWeakSecretsOffLoopback(properties, environment.getProperty("server.address"));
        Path dataDir = ServiceConfiguration.dataDirectory(properties);
        this.tokenFile = dataDir.resolve(TOKEN_FILE);
        if (properties.adminToken() != null && !properties.adminToken().isBlank()) {
            tokenHash = sha256(properties.adminToken().strip());
            log.info("API bearer token: the one given in INKAN_ADMIN_TOKEN");
        } else {
            String stored = jdbc.sql("SELECT setting_value FROM setting WHERE setting_name = ?").param(SETTING).query(String.class).optional().orElse(null);
            if (stored != null) {
                tokenHash = HexFormat.of().parseHex(stored);
                log.info("API bearer token: the one generated on first start, written to {}", tokenFile);
            } else {
                String token = generate();
                tokenHash = sha256(token);
                writeOnce(tokenFile, token);
                jdbc.sql("INSERT INTO setting (setting_name, setting_value) VALUES (?, ?)").params(SETTING, HexFormat.of().formatHex(tokenHash)).update();
                log.info("API bearer token generated and written to {} (0600); read it from there, it is not shown again", tokenFile);
            }
        }
        boolean password = properties.adminPassword() != null && !properties.adminPassword().isEmpty();
        passwordHash = password ? sha256(properties.adminPassword()) : tokenHash;
        log.info("Web UI login: user '{}', password {}", USERNAME, password ? "from INKAN_ADMIN_PASSWORD" : "= the API bearer token");
    }

    /** The shortest token or password accepted on an address other machines can reach. */
    static final int MIN_LENGTH_OFF_LOOPBACK = 16;

    /**
     * A short token or password on an address other machines reach can be guessed (even throttled, a
     * 6-character password falls to a botnet): refuse to start, saying what to do.
     */
    static void refuseWeakSecretsOffLoopback(InkanProperties properties, String bindAddress) {
        if (isLoopback(bindAddress)) {
            return;
        }
        String where = bindAddress == null || bindAddress.isBlank() ? "every interface" : bindAddress;
        for (var secret : new String[][] {{"INKAN_ADMIN_TOKEN", properties.adminToken()}, {"INKAN_ADMIN_PASSWORD", properties.adminPassword()}}) {
            String value = secret[1] == null ? "" : secret[0].endsWith("TOKEN") ? secret[1].strip() : secret[1];
            if (!value.isEmpty() && value.length() < MIN_LENGTH_OFF_LOOPBACK) {
                throw new StartRefusedException(secret[0] + " has " + value.length() + " characters, fewer than "
                        + MIN_LENGTH_OFF_LOOPBACK + ", and the service listens on " + where + ", which other machines can reach; "
                        + "set a longer one (openssl rand -base64 32), unset INKAN_ADMIN_TOKEN to have one generated,"
                        + " or bind to 127.0.0.1 (INKAN_BIND_ADDRESS)");
            }
        }
    }

    static boolean isLoopback(String bindAddress) {
        if (bindAddress == null || bindAddress.isBlank()) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(bindAddress.strip()).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    public boolean tokenMatches(String presented) {
        return presented != null && MessageDigest.isEqual(tokenHash, sha256(presented));
    }

    public boolean passwordMatches(String username, String presented) {
        return USERNAME.equals(username) && presented != null && MessageDigest.isEqual(passwordHash, sha256(presented));
    }

    /** Where a generated token was written (for messages; the file may be gone if the operator moved it). */
    public Path tokenFile() {
        return tokenFile;
    }

    private static String generate() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return "inkan_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void writeOnce(Path file, String token) {
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, token + "\n", StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the admin token to " + file + ": " + e.getMessage()
                    + "; make the data directory writable or set INKAN_ADMIN_TOKEN", e);
        }
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
