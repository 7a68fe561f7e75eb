package dev.inkan.authority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The master key: AES-256-GCM that opens only what it sealed, for the same row, with the same key. */
class MasterKeyTests {

    @TempDir
    Path dir;

    @Test
    void sealedKeysOpenOnlyWithTheSameKeyAndAssociatedData() throws Exception {
        MasterKey key = MasterKey.create(dir.resolve(MasterKey.FILE_NAME));
        byte[] secret = "-----BEGIN PRIVATE KEY-----".getBytes(StandardCharsets.US_ASCII);

        byte[] sealed = key.seal(secret, "certificate:1:ab");

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("PRIVATE KEY");
        assertThat(key.seal(secret, "certificate:1:ab")).as("fresh nonce each time").isNotEqualTo(sealed);
        assertThat(key.open(sealed, "certificate:1:ab")).isEqualTo(secret);
        assertThatThrownBy(() -> key.open(sealed, "certificate:2:ab")).hasMessageContaining("restore the original master key");
        MasterKey other = MasterKey.fromBase64(java.util.Base64.getEncoder().encodeToString(new byte[32]));
        assertThatThrownBy(() -> other.open(sealed, "certificate:1:ab")).isInstanceOf(IllegalStateException.class);
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> key.open(sealed, "certificate:1:ab")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theKeyFileIsMadeOnceOwnerOnlyAndReadBack() throws Exception {
        Path file = dir.resolve(MasterKey.FILE_NAME);
        MasterKey first = MasterKey.create(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String content = Files.readString(file);

        MasterKey second = MasterKey.read(file);

        assertThat(Files.readString(file)).isEqualTo(content);
        assertThatThrownBy(() -> MasterKey.create(file)).as("never over an existing key")
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        assertThat(second.open(first.seal(new byte[] {42}, "x"), "x")).containsExactly(42);
    }

    @Test
    void aMasterKeyThatIsNot32BytesOfBase64IsRefusedWithTheCommandToMakeOne() {
        assertThatThrownBy(() -> MasterKey.fromBase64("short")).hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> MasterKey.fromBase64("!!!not base64!!!")).hasMessageContaining("INKAN_MASTER_KEY");
    }
}
