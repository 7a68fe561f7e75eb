package dev.inkan.web.api;

import dev.inkan.config.InkanProperties;
import dev.inkan.engine.ConflictException;
import dev.inkan.storage.DatabaseBackup;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/backup}: an online backup of the H2 database as Inkan's backup archive (what
 * {@code inkan backup} writes, without the master key), taken while the service issues. The whole copy is made
 * before the first byte is sent. With PostgreSQL a 409 problem names pg_dump.
 */
@RestController
class BackupApiController {

    private final DataSource dataSource;
    private final InkanProperties properties;

    BackupApiController(DataSource dataSource, InkanProperties properties) {
        this.dataSource = dataSource;
        this.properties = properties;
    }

    @PostMapping("/api/v1/backup")
    void backup(HttpServletResponse response) throws IOException, SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!DatabaseBackup.isH2(connection)) {
                throw new ConflictException("database", "this service runs on " + connection.getMetaData().getDatabaseProductName()
                        + ": back it up with its own tools (pg_dump -Fc, README \"Backup and restore\")");
            }
            response.setContentType("application/zip");
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("inkan-backup.zip").build().toString());
            DatabaseBackup.write(connection, properties.dataDir().toAbsolutePath(), response.getOutputStream());
        }
    }
}
