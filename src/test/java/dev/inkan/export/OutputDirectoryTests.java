package dev.inkan.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inkan.engine.InvalidInputException;
import dev.inkan.testing.OneShotRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Output sets written all together, with their modes, or not at all. */
class OutputDirectoryTests {

    @TempDir
    Path dir;

    @Test
    void filesGetTheirModesAndSubdirectoriesAndNoTemporaryFileIsLeft() throws IOException {
        OutputDirectory.write(dir, List.of(OutputFile.privateText("key.pem", "k"), OutputFile.publicText("cert.pem", "c"),
                new OutputFile("nginx/install.sh", "#!/bin/sh\n".getBytes(), OutputFile.EXECUTABLE)));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("key.pem")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("cert.pem")))).isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("nginx/install.sh")))).isEqualTo("rwxr-xr-x");
        assertThat(OneShotRuns.snapshot(dir).keySet()).containsExactlyInAnyOrder("", "cert.pem", "key.pem", "nginx", "nginx/install.sh");
    }

    @Test
    void anExistingFileIsReplacedAndAnExistingFileOfAnotherNameKept() throws IOException {
        Files.writeString(dir.resolve("cert.pem"), "old");
        Files.writeString(dir.resolve("mine.txt"), "mine");
        OutputDirectory.write(dir, List.of(OutputFile.publicText("cert.pem", "new")));
        assertThat(Files.readString(dir.resolve("cert.pem"))).isEqualTo("new");
        assertThat(Files.readString(dir.resolve("mine.txt"))).isEqualTo("mine");
    }

    @Test
    void aFailureWhileWritingLeavesTheDirectoryExactlyAsItWas() throws IOException {
        Files.writeString(dir.resolve("cert.pem"), "old");
        Files.writeString(dir.resolve("nginx"), "a file where a directory is needed");
        var before = OneShotRuns.snapshot(dir);

        assertThatThrownBy(() -> OutputDirectory.write(dir, List.of(OutputFile.publicText("cert.pem", "new"),
                OutputFile.publicText("fresh/a.txt", "a"), OutputFile.publicText("nginx/ssl.conf", "x"))))
                .isInstanceOf(dev.inkan.engine.InvalidInputException.class).hasMessageContaining("is a file, where the directory");
        assertThat(OneShotRuns.snapshot(dir)).isEqualTo(before);
    }

    @Test
    void aDirectoryWhereAFileShouldGoFailsBeforeAnyFileIsReplaced() throws IOException {
        Files.writeString(dir.resolve("a.pem"), "old");
        Files.createDirectories(dir.resolve("z.pem"));
        var before = OneShotRuns.snapshot(dir);

        assertThatThrownBy(() -> OutputDirectory.write(dir, List.of(OutputFile.publicText("a.pem", "new"),
                OutputFile.publicText("z.pem", "z")))).isInstanceOf(dev.inkan.engine.InvalidInputException.class).hasMessageContaining("is a directory");
        assertThat(OneShotRuns.snapshot(dir)).isEqualTo(before);
    }

    @Test
    void twoFilesOfTheSameNameAreABug() {
        assertThatThrownBy(() -> OutputDirectory.write(dir, List.of(OutputFile.publicText("a", "1"), OutputFile.publicText("a", "2"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "/etc/x", "a//b", "a/./b", "a\\b", "sub/../../x", ""})
    void namesThatCouldLeaveTheDirectoryAreRefused(String name) {
        assertThatThrownBy(() -> OutputFile.publicText(name, "x")).isInstanceOfAny(IllegalArgumentException.class,
                InvalidInputException.class);
    }
}
