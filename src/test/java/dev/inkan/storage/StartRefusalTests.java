package dev.inkan.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.testing.Processes;
import dev.inkan.testing.ServiceProcess;
import dev.inkan.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The real service (a child JVM) on a data directory it cannot safely use exits non-zero with one line on
 * stderr saying what to do, and no stack trace: a second process on a directory in use, a wrong
 * INKAN_MASTER_KEY, a deleted master.key (never silently replaced), a malformed key. What it makes is
 * owner-only: the directory 0700, every file in it 0600.
 */
class StartRefusalTests {

    private static final String TOKEN = "start-refusal-token-0123456789";
    private static final Duration START = Duration.ofMinutes(10);
    private static Path dataDir;
    private static ServiceProcess running;
    private static JsonNode issued;

    @BeforeAll
    static void anExistingDatabaseWithACaAndACertificate() throws IOException {
        dataDir = Files.createTempDirectory(Files.createDirectories(Tools.buildDir()), "refusal-").resolve("data");
        running = ServiceProcess.start(dataDir, Map.of("INKAN_ADMIN_TOKEN", TOKEN), START);
        issued = running.api(TOKEN).post("/api/v1/certificates", "{\"dnsNames\":[\"kept.test\"]}").json();
        assertThat(issued.path("id").asLong()).isPositive();
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void aSecondProcessOnADataDirectoryInUseExitsWithOneLineNamingTheOther() {
        Processes.Result second = ServiceProcess.runToExit(dataDir, Map.of("INKAN_ADMIN_TOKEN", TOKEN), START);

        assertOneLineRefusal(second, "another Inkan process (pid ");
        assertThat(second.stderr()).contains("is using the data directory " + dataDir, "own INKAN_DATA_DIR");
        assertThat(running.api(TOKEN).get("/api/v1/certificates/" + issued.path("id").asLong()).status())
                .as("the first process is untouched").isEqualTo(200);
    }

    @Test
    void whatTheServiceMakesIsOwnerOnly() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        Map<String, String> modes = new TreeMap<>();
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path file : files.toList()) {
                modes.put(file.getFileName().toString(), PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            }
        }
        assertThat(modes).containsKeys("inkan.mv.db", "master.key", "inkan.lock")
                .allSatisfy((name, mode) -> assertThat(mode).as(name).isEqualTo("rw-------"));
    }

    @Test
    void aWrongMasterKeyForTheExistingDatabaseRefusesToStart() throws IOException {
        Path copy = stoppedCopy("wrong-key");
        String other = Base64.getEncoder().encodeToString(new byte[32]);

        Processes.Result result = ServiceProcess.runToExit(copy, Map.of("INKAN_ADMIN_TOKEN", TOKEN, "INKAN_MASTER_KEY", other), START);

        assertOneLineRefusal(result, "INKAN_MASTER_KEY is not the master key this database was sealed with");
    }

    @Test
    void aDeletedMasterKeyFileIsNotReplacedAndTheStartIsRefused() throws IOException {
        Path copy = stoppedCopy("deleted-key");
        Files.delete(copy.resolve("master.key"));

        Processes.Result result = ServiceProcess.runToExit(copy, Map.of("INKAN_ADMIN_TOKEN", TOKEN), START);

        assertOneLineRefusal(result, "master.key is missing");
        assertThat(result.stderr()).contains("restore master.key from the backup");
        assertThat(copy.resolve("master.key")).as("no new key sealing the database under a second one").doesNotExist();
    }

    @Test
    void aMasterKeyThatIsNotBase64Of32BytesRefusesToStart() throws IOException {
        Path copy = stoppedCopy("malformed-key");

        Processes.Result result = ServiceProcess.runToExit(copy, Map.of("INKAN_ADMIN_TOKEN", TOKEN, "INKAN_MASTER_KEY", "not-a-key"), START);

        assertOneLineRefusal(result, "openssl rand -base64 32");
    }

    /** A copy of the data directory as a stopped service leaves it (the running one holds the original). */
    private static Path stoppedCopy(String name) throws IOException {
        Path copy = dataDir.resolveSibling(name);
        Files.createDirectory(copy, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        // every acknowledged commit is stored in the file and forced before it is answered (DurableDataSource), so
        // a copy taken while it runs is a consistent database as of its last answered change, like after a crash
        for (String file : new String[] {"inkan.mv.db", "master.key"}) {
            Files.copy(dataDir.resolve(file), copy.resolve(file));
        }
        return copy;
    }

    private static void assertOneLineRefusal(Processes.Result result, String says) {
        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.stderr().strip().lines()).as("stderr").hasSize(1).first().asString()
                .startsWith("Inkan cannot start: ").contains(says);
        assertThat(result.output()).as("no stack trace").doesNotContain("\tat ", "Exception in thread", "Caused by");
    }
}
