package dev.inkan.acme;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code acme_directory_setting} table; a CA without a row has {@link DirectorySettings#defaults}. */
@Component
record DirectorySettingsStore(JdbcClient jdbc, Clock clock) {

    DirectorySettings get(long caId) {
        return jdbc.sql("SELECT enabled, certificate_days, eab_required, allowed_identifiers FROM acme_directory_setting WHERE ca_id = ?")
                .param(caId).query((rs, n) -> {
                    String allowed = rs.getString("allowed_identifiers");
                    return new DirectorySettings(caId, rs.getBoolean("enabled"), rs.getInt("certificate_days"), rs.getBoolean("eab_required"),
                            allowed.isEmpty() ? List.of() : Arrays.asList(allowed.split("\n")));
                }).optional().orElseGet(() -> DirectorySettings.defaults(caId));
    }

    void save(DirectorySettings settings) {
        Object[] values = {settings.enabled(), settings.certificateDays(), settings.eabRequired(),
            String.join("\n", settings.allowedIdentifiers()), Timestamp.from(clock.instant()), settings.caId()};
        int updated = jdbc.sql("UPDATE acme_directory_setting SET enabled = ?, certificate_days = ?, eab_required = ?,"
                + " allowed_identifiers = ?, updated_at = ? WHERE ca_id = ?").params(values).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO acme_directory_setting (enabled, certificate_days, eab_required, allowed_identifiers, updated_at, ca_id)"
                    + " VALUES (?, ?, ?, ?, ?, ?)").params(values).update();
        }
    }
}
