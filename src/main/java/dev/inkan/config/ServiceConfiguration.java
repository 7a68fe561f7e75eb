package dev.inkan.config;

import dev.inkan.authority.MasterKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import io.micrometer.observation.ObservationPredicate;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The beans the domain packages need from outside: the clock, the master key, the data directory. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InkanProperties.class)
@EnableScheduling // the @Scheduled timers of every module (CRL renewal, gauge refresh)
public class ServiceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ServiceConfiguration.class);

    /**
     * No Micrometer observation around each of Spring Security's filters: on the issuing hot path it costs
     * more than the bearer check itself, and no metrics endpoint is exposed.
     */
    @Bean
    ObservationPredicate noSecurityFilterObservations() {
        return (name, context) -> !name.startsWith("spring.security.");
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * From INKAN_MASTER_KEY, else the 0600 key file in the data directory (made only for an empty database);
     * refused unless it opens what the database sealed ({@link MasterKeySource}).
     */
    @Bean
    MasterKey masterKey(InkanProperties properties, JdbcClient jdbc) {
        Path dataDir = dataDirectory(properties);
        MasterKey key = MasterKeySource.resolve(properties.masterKey(), dataDir, jdbc);
        if (properties.masterKey() != null && !properties.masterKey().isBlank()) {
            log.info("Private keys at rest are sealed with the master key from INKAN_MASTER_KEY");
        } else {
            log.info("Private keys at rest are sealed with the master key in {} (back it up with the database)",
                    dataDir.resolve(MasterKey.FILE_NAME));
        }
        return key;
    }

    /** The data directory, created 0700 when missing. */
    static Path dataDirectory(InkanProperties properties) {
        Path dir = properties.dataDir().toAbsolutePath().normalize();
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the data directory " + dir + ": " + e.getMessage()
                    + "; set INKAN_DATA_DIR to a writable directory", e);
        }
        return dir;
    }
}
