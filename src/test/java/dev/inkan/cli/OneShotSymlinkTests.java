package dev.inkan.cli;

import static dev.inkan.testing.OneShotRuns.env;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.testing.OneShotRuns;
import dev.inkan.testing.OneShotRuns.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one-shot as root (the container's default, and CI's) writing into a directory owned by another
 * user, who planted symbolic links to root-only places: nothing is written or read through a link,
 * exit 1 with one line naming the path, and the directory is left as it was. File-name variables that
 * collide with the bundle's files, or name a key like a certificate, are refused before anything is made.
 */
class OneShotSymlinkTests {

    private static final int NOBODY = 65534;

    @TempDir
    Path tmp;
    Path dir;
    Path rootOnly;

    @BeforeEach
    void aUsersDirectoryAndARootOnlyOne() throws IOException {
        assertThat(Files.getAttribute(Path.of("/proc/self"), "unix:uid")).as("these tests prove what root does; run them as root (CI does)")
                .isEqualTo(0);
        dir = Files.createDirectories(tmp.resolve("certs"));
        rootOnly = Files.createDirectories(tmp.resolve("root-only"));
        Files.setPosixFilePermissions(rootOnly, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(rootOnly.resolve("secret.txt"), "root's own\n");
        Files.setAttribute(dir, "unix:uid", NOBODY);
        Files.setAttribute(dir, "unix:gid", NOBODY);
    }

    private void assertRefusedNaming(Map<String, String> variables, String field, String path) {
        Map<String, String> before = OneShotRuns.snapshot(dir);
        Map<String, String> rootBefore = OneShotRuns.snapshot(rootOnly);
        Run run = OneShotRuns.inProcess(dir, variables);
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(run.stderr().lines()).as(run.describe()).hasSize(1);
        assertThat(run.stderr()).startsWith(field + ": ").contains(path);
        assertThat(OneShotRuns.snapshot(dir)).as("the directory is left as it was, no temporary files").isEqualTo(before);
        assertThat(OneShotRuns.snapshot(rootOnly)).as("nothing written through the link").isEqualTo(rootBefore);
    }

    @Test
    void aSubdirectoryLinkedToARootOnlyDirectoryIsRefused() throws IOException {
        Files.createSymbolicLink(dir.resolve("nginx"), rootOnly);
        assertRefusedNaming(env("SSL_KEY_TYPE", "ecdsa-p256"), "--out", dir.resolve("nginx") + " is a symbolic link");
    }

    @Test
    void aTargetFileLinkedToARootOnlyFileIsRefused() throws IOException {
        Files.createSymbolicLink(dir.resolve("key.pem"), rootOnly.resolve("secret.txt"));
        assertRefusedNaming(env("SSL_KEY_TYPE", "ecdsa-p256"), "--out", dir.resolve("key.pem") + " is a symbolic link");
        assertThat(Files.readString(rootOnly.resolve("secret.txt"))).isEqualTo("root's own\n");
    }

    @Test
    void aDanglingLinkWhereAFileGoesIsRefusedAndNothingIsCreatedAtItsTarget() throws IOException {
        Files.createSymbolicLink(dir.resolve("cert.pem"), rootOnly.resolve("planted.pem"));
        assertRefusedNaming(env("SSL_KEY_TYPE", "ecdsa-p256"), "--out", dir.resolve("cert.pem") + " is a symbolic link");
        assertThat(rootOnly.resolve("planted.pem")).doesNotExist();
    }

    @ParameterizedTest(name = "a reused {0} that is a link is never read ({1})")
    @CsvSource({"ca-key.pem, CA_KEY", "ca.pem, CA_CERT"})
    void aReusedCaFileThatIsALinkIsNeverRead(String linked, String variable) throws IOException {
        OneShotRuns.succeeded(tmp.resolve("elsewhere"), env("SSL_KEY_TYPE", "ecdsa-p256", "BUNDLE", "no"));
        for (String file : new String[] {"ca-key.pem", "ca.pem"}) {
            if (file.equals(linked)) {
                Files.move(tmp.resolve("elsewhere").resolve(file), rootOnly.resolve(file));
                Files.createSymbolicLink(dir.resolve(file), rootOnly.resolve(file));
            } else {
                Files.copy(tmp.resolve("elsewhere").resolve(file), dir.resolve(file));
            }
        }
        assertRefusedNaming(env("SSL_KEY_TYPE", "ecdsa-p256"), variable, dir.resolve(linked) + " is a symbolic link");
    }

    @ParameterizedTest(name = "{0}={1} is refused")
    @CsvSource({"SSL_CERT, nginx, bundle's files", "SSL_CERT, cert.p12.password, bundle's files", "SSL_KEY, ca.crt, certificate's",
            "SSL_KEY, ca.pem, already the name of CA_CERT", "CA_KEY, server.crt, certificate's", "SSL_CSR, README.txt, bundle's files",
            "SSL_CONFIG, install-ca-linux.sh, bundle's files", "CA_CERT, chain.pem, bundle's files"})
    void fileNamesThatCollideWithTheBundleOrNameAKeyLikeACertificateAreRefusedUpFront(String variable, String value, String reason) {
        assertRefusedNaming(env("SSL_KEY_TYPE", "ecdsa-p256", variable, value), variable, "'" + value + "'");
        assertThat(OneShotRuns.inProcess(dir, env("SSL_KEY_TYPE", "ecdsa-p256", variable, value)).stderr()).contains(reason);
    }

    @Test
    void aDirectoryWhereAFileGoesFailsBeforeAnythingIsWrittenAndLeavesTheDirectoryAsItWas() throws IOException {
        Files.writeString(dir.resolve("cert.pem"), "the user's old certificate\n");
        Files.createDirectories(dir.resolve("nginx/site.conf"));
        assertRefusedNaming(env("SSL_KEY_TYPE", "ecdsa-p256"), "--out", dir.resolve("nginx/site.conf") + " is a directory");
        assertThat(Files.readString(dir.resolve("cert.pem"))).isEqualTo("the user's old certificate\n");
    }

    @Test
    void withoutLinksTheFilesGoToTheDirectorysOwner() throws IOException {
        Run run = OneShotRuns.inProcess(dir, env("SSL_KEY_TYPE", "ecdsa-p256"));
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(Files.getAttribute(dir.resolve("nginx/ssl.conf"), "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(NOBODY);
        assertThat(Files.getAttribute(dir.resolve("key.pem"), "unix:gid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(NOBODY);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("key.pem")))).isEqualTo("rw-------");
        try (var files = Files.walk(dir)) {
            assertThat(files.map(Path::toString)).noneMatch(name -> name.endsWith(".inkan-tmp"));
        }
    }
}
