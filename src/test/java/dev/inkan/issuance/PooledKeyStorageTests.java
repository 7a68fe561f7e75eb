package dev.inkan.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.engine.KeyType;
import dev.inkan.engine.Pem;
import dev.inkan.testing.RunningService;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * Keys issued through the API come from the key pool (issue 12) and lie on the disk only sealed: the
 * certificate is found in the data directory's files, its private key in no form at all.
 */
class PooledKeyStorageTests extends RunningService {

    @Autowired
    KeyPairPool pool;

    @Value("${inkan.data-dir}")
    Path dataDir;

    @Test
    void anIssuedKeyIsHandedOutOnceAndWrittenToTheDiskOnlySealed() throws Exception {
        List<JsonNode> issued = Stream.of("pool-a.test", "pool-b.test", "pool-c.test")
                .map(name -> api().post("/api/v1/certificates", "{\"commonName\":\"" + name + "\",\"keyType\":\"ecdsa-p256\"}").json())
                .toList();
        assertThat(pool.capacity(KeyType.EC_P256)).isPositive();
        assertThat(issued.stream().map(i -> i.path("privateKeyPem").asString()).distinct()).hasSize(3);

        byte[] files = everyFile(dataDir);
        for (JsonNode certificate : issued) {
            byte[] der = Pem.readCertificates("c", certificate.path("certificatePem").asString()).get(0).getEncoded();
            assertThat(indexOf(files, der)).as("the certificate is stored in clear, so the scan sees the stored rows").isNotNegative();

            String keyPem = certificate.path("privateKeyPem").asString();
            ECPrivateKey key = (ECPrivateKey) Pem.readPrivateKey("k", keyPem, null);
            assertThat(indexOf(files, key.getEncoded())).as("PKCS#8 DER of the key").isNegative();
            assertThat(indexOf(files, scalar(key.getS()))).as("the private scalar").isNegative();
            String base64Line = keyPem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
            assertThat(indexOf(files, base64Line.getBytes(java.nio.charset.StandardCharsets.US_ASCII))).as("the PEM text").isNegative();
            assertThat(indexOf(files, Base64.getEncoder().encode(key.getEncoded()))).as("the key in base64").isNegative();
        }
    }

    private static byte[] scalar(BigInteger s) {
        byte[] bytes = s.toByteArray();
        return bytes.length == 33 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, 33) : bytes;
    }

    private static byte[] everyFile(Path dir) throws IOException {
        var all = new java.io.ByteArrayOutputStream();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                all.write(Files.readAllBytes(file));
            }
        }
        return all.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
