package dev.inkan.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.InkanApplication;
import dev.inkan.testing.ApiClient;
import dev.inkan.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An H2 database made by the previous release (main at c0b7e42: V1 only, then in db/migration, the same
 * file now in db/vendor/h2) is migrated by this one on start, keeps its data, and serves.
 */
class UpgradeFromPreviousReleaseTests {

    @Test
    void aDatabaseOfThePreviousReleaseMigratesKeepsItsDataAndServes() throws Exception {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Tools.buildDir()), "upgrade-data-");
        JdbcDataSource previous = new JdbcDataSource();
        previous.setURL("jdbc:h2:file:" + dataDir.resolve("inkan") + ";DB_CLOSE_ON_EXIT=FALSE");
        previous.setUser("inkan");
        Flyway.configure().dataSource(previous).locations("classpath:db/vendor/h2").target("1").load().migrate();
        JdbcClient old = JdbcClient.create(previous);
        old.sql("INSERT INTO setting (setting_name, setting_value) VALUES ('admin-token-sha256', ?)")
                .param(HexFormat.of().formatHex(AdminCredentials.sha256("token-of-the-previous-release"))).update();
        old.sql("INSERT INTO audit_event (occurred_at, actor, action, detail) VALUES (CURRENT_TIMESTAMP, 'admin', 'ISSUED', 'before the upgrade')")
                .update();
        old.sql("SHUTDOWN").update();

        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(InkanApplication.class)
                .run("--inkan.data-dir=" + dataDir, "--server.port=0", "--logging.level.root=WARN")) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" = '1'").query(Long.class).single())
                    .isEqualTo(1);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\"").query(Long.class).single())
                    .isGreaterThan(1);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE NOT \"success\"").query(Long.class).single()).isZero();
            assertThat(jdbc.sql("SELECT detail FROM audit_event ORDER BY id").query(String.class).list()).first()
                    .isEqualTo("before the upgrade");

            ApiClient api = ApiClient.of(context, "token-of-the-previous-release");
            assertThat(api.get("/api/v1/cas").json().size()).isEqualTo(1);
            assertThat(api.post("/api/v1/certificates", "{\"dnsNames\":[\"upgraded.test\"]}").status()).isEqualTo(201);
        }
    }
}
