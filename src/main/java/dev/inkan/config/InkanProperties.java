package dev.inkan.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The service's settings; each can be given as an environment variable ({@code INKAN_DATA_DIR},
 * {@code INKAN_ADMIN_TOKEN}, {@code INKAN_ADMIN_PASSWORD}, {@code INKAN_MASTER_KEY},
 * {@code INKAN_DEFAULT_CA_NAME}) or as {@code --inkan.data-dir=...} on the command line.
 *
 * @param dataDir        where the H2 database, the generated master key and admin token live
 * @param adminToken     the API bearer token; generated on first start when absent
 * @param adminPassword  the UI password of user {@code admin}; the admin token when absent
 * @param masterKey      base64 of 32 bytes encrypting CA and leaf keys at rest; a 0600 key file in the data dir when absent
 * @param defaultCaName  the name of the root CA made on first start
 * @param maxBodyBytes   the largest request body the API reads (JSON, CSR)
 */
@ConfigurationProperties("inkan")
public record InkanProperties(@DefaultValue("./data") Path dataDir, String adminToken, String adminPassword,
                              String masterKey, @DefaultValue("Inkan Root CA") String defaultCaName,
                              @DefaultValue("65536") int maxBodyBytes) {

    /** Names the secrets without their values: this record is logged, printed in exceptions and held by beans. */
    @Override
    public String toString() {
        return "InkanProperties[dataDir=" + dataDir + ", adminToken=" + secret(adminToken) + ", adminPassword="
                + secret(adminPassword) + ", masterKey=" + secret(masterKey) + ", defaultCaName=" + defaultCaName
                + ", maxBodyBytes=" + maxBodyBytes + "]";
    }

    private static String secret(String value) {
        return value == null ? "(generated)" : "(set)";
    }
}
