package dev.inkan.config;

import dev.inkan.authority.MasterKey;
import dev.inkan.storage.StartRefusedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which master key seals this database's private keys, proved before the service starts: the database
 * keeps a value sealed with it ({@value #CHECK_SETTING} in {@code setting}), and a key that does not open
 * it — or, in a database from before that value, does not open the first CA's key — refuses the start.
 * A new key file is made only for an empty database; a missing one for a database with keys is refused,
 * never silently replaced (that would leave the database sealed under two keys).
 */
final class MasterKeySource {

    static final String CHECK_SETTING = "master-key-check";
    private static final byte[] CHECK_TEXT = "Inkan master key check".getBytes(StandardCharsets.US_ASCII);

    private MasterKeySource() {}

    static MasterKey resolve(String configured, Path dataDir, JdbcClient jdbc) {
        Optional<String> check = jdbc.sql("SELECT setting_value FROM setting WHERE setting_name = ?").param(CHECK_SETTING)
                .query(String.class).optional();
        Optional<Long> firstCa = jdbc.sql("SELECT MIN(id) FROM certificate_authority").query(Long.class).optional();
        boolean empty = check.isEmpty() && firstCa.isEmpty();
        Path file = dataDir.resolve(MasterKey.FILE_NAME);
        boolean fromEnvironment = configured != null && !configured.isBlank();
        String source = fromEnvironment ? "INKAN_MASTER_KEY" : file.toString();
        MasterKey key;
        try {
            if (fromEnvironment) {
                key = MasterKey.fromBase64(configured);
            } else if (Files.exists(file)) {
                key = MasterKey.read(file);
            } else if (empty) {
                key = MasterKey.create(file);
            } else {
                throw new StartRefusedException("the master key file " + file + " is missing, but the database in " + dataDir
                        + " holds keys sealed with it; restore master.key from the backup of this data directory (or set"
                        + " INKAN_MASTER_KEY to it). Inkan makes a new key only for an empty database");
            }
        } catch (IllegalStateException e) {
            throw new StartRefusedException(source + " is not a master key: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StartRefusedException("cannot read or create the master key " + file + " (" + e + "); check the data"
                    + " directory's permissions, or set INKAN_MASTER_KEY", e);
        }
        String wrong = source + " is not the master key this database was sealed with; "
                + (fromEnvironment ? "set INKAN_MASTER_KEY to the original key (or unset it to use " + file + ")"
                        : "restore the original master.key from the backup of this data directory (or set INKAN_MASTER_KEY to it)");
        try {
            if (check.isPresent()) {
                key.open(Base64.getDecoder().decode(check.get()), CHECK_SETTING);
                return key;
            }
            if (firstCa.isPresent()) {
                // a database from before the check value: the default CA's key is the proof
                var ca = jdbc.sql("SELECT key_sealed, fingerprint_sha256 FROM certificate_authority WHERE id = ?").param(firstCa.get())
                        .query((rs, n) -> new Object[] {rs.getBytes(1), rs.getString(2)}).single();
                key.open((byte[]) ca[0], (String) ca[1]);
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new StartRefusedException(wrong, e);
        }
        try {
            jdbc.sql("INSERT INTO setting (setting_name, setting_value) VALUES (?, ?)")
                    .params(CHECK_SETTING, Base64.getEncoder().encodeToString(key.seal(CHECK_TEXT, CHECK_SETTING))).update();
        } catch (DuplicateKeyException anotherNodeFirst) {
            // nodes starting together on one new database: the first one's check value must open with this key too
            String written = jdbc.sql("SELECT setting_value FROM setting WHERE setting_name = ?").param(CHECK_SETTING)
                    .query(String.class).single();
            try {
                key.open(Base64.getDecoder().decode(written), CHECK_SETTING);
            } catch (IllegalStateException | IllegalArgumentException e) {
                throw new StartRefusedException(source + " is not the master key of the node that started first on this"
                        + " database; give every node the same INKAN_MASTER_KEY", e);
            }
        }
        return key;
    }
}
