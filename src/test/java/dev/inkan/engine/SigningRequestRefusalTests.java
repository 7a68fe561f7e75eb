package dev.inkan.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inkan.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Only keys Inkan supports are signed, and only CSRs signed with a sound hash, each in exactly one
 * PEM block. Every request here is made by openssl, as users make them.
 */
class SigningRequestRefusalTests {

    @TempDir
    static Path dir;

    /** {@code openssl req -new} for the key in {@code keyFile}, with {@code digest}. */
    private static String csr(String keyFile, String digest) throws Exception {
        Path out = dir.resolve(keyFile + "-" + digest + ".csr");
        List<String> command = new ArrayList<>(List.of("openssl", "req", "-new", "-key", dir.resolve(keyFile).toString(),
                "-subj", "/CN=app.test", "-addext", "subjectAltName=DNS:app.test", "-" + digest, "-out", out.toString()));
        var result = Processes.run(command);
        assertThat(result.ok()).as(result.output()).isTrue();
        return Files.readString(out);
    }

    private static void key(String name, String... genpkeyArgs) {
        List<String> command = new ArrayList<>(List.of("openssl", "genpkey"));
        command.addAll(List.of(genpkeyArgs));
        command.addAll(List.of("-out", dir.resolve(name).toString()));
        var result = Processes.run(command);
        assertThat(result.ok()).as(result.output()).isTrue();
    }

    @BeforeAll
    static void makeKeys() {
        key("p256.key", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256");
        key("p384.key", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384");
        key("secp256k1.key", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:secp256k1");
        key("brainpool.key", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:brainpoolP256r1");
        key("explicit.key", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-pkeyopt", "ec_param_enc:explicit");
        key("rsa2048.key", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048");
        key("rsa2560.key", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2560");
        key("rsa1024.key", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024");
        key("rsapss.key", "-algorithm", "RSA-PSS", "-pkeyopt", "rsa_keygen_bits:2048");
        key("ed25519.key", "-algorithm", "ED25519");
    }

    @ParameterizedTest(name = "{0} is signed as {1}")
    @CsvSource({"p256.key, EC_P256, sha256", "p384.key, EC_P384, sha384", "rsa2048.key, RSA_2048, sha256",
            "ed25519.key, ED25519, ''"})
    void supportedKeysAreAcceptedAndClassifiedExactly(String keyFile, KeyType expected, String digest) throws Exception {
        SigningRequest request = SigningRequest.parse("csr", csr(keyFile, digest.isEmpty() ? "noenc" : digest));
        assertThat(request.keyType()).isEqualTo(expected);
        assertThat(KeyType.of(request.publicKey())).contains(expected);
    }

    @ParameterizedTest(name = "a CSR with {0} is refused naming {1}")
    @CsvSource({"secp256k1.key, secp256k1", "brainpool.key, brainpoolP256r1", "explicit.key, explicit curve parameters",
            "rsapss.key, RSA-PSS", "rsa2560.key, RSA 2560-bit", "rsa1024.key, RSA 1024-bit"})
    void unsupportedKeysAreRefusedNamingTheKey(String keyFile, String named) throws Exception {
        String pem = csr(keyFile, "sha256");
        assertThatThrownBy(() -> SigningRequest.parse("csr", pem))
                .isInstanceOf(PolicyViolationException.class)
                .hasMessageContaining(named).hasMessageContaining("does not certify");
    }

    @ParameterizedTest(name = "a CSR signed with {0} is refused")
    @CsvSource({"md5", "sha1"})
    void csrsSignedWithMd5OrSha1AreRefused(String digest) throws Exception {
        String pem = csr("rsa2048.key", digest);
        assertThatThrownBy(() -> SigningRequest.parse("csr", pem))
                .isInstanceOf(PolicyViolationException.class)
                .hasMessageContaining(digest.toUpperCase(java.util.Locale.ROOT).replace("SHA1", "SHA1"))
                .hasMessageContaining("re-create the CSR with SHA-256");
    }

    @Test
    void anEcdsaCsrSignedWithSha1IsRefusedToo() throws Exception {
        String pem = csr("p256.key", "sha1");
        assertThatThrownBy(() -> SigningRequest.parse("csr", pem))
                .isInstanceOf(PolicyViolationException.class).hasMessageContaining("SHA-256");
    }

    @Test
    void textAroundThePemBlockOrASecondBlockIsRefused() throws Exception {
        String one = csr("p256.key", "sha256");
        String two = csr("p384.key", "sha384");
        assertThat(SigningRequest.parse("csr", "\n  " + one + "\n\n").keyType()).isEqualTo(KeyType.EC_P256);
        assertThatThrownBy(() -> SigningRequest.parse("csr", "hello\n" + one))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("text before or after");
        assertThatThrownBy(() -> SigningRequest.parse("csr", one + "trailing garbage"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("text before or after");
        assertThatThrownBy(() -> SigningRequest.parse("csr", one + two))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("2 PEM blocks");
        assertThatThrownBy(() -> SigningRequest.parse("csr", one.replace("CERTIFICATE REQUEST", "CERTIFICATE")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a CSR");
    }

    @ParameterizedTest(name = "a CA certificate with a {0} key is refused on import")
    @CsvSource({"secp256k1.key, secp256k1", "brainpool.key, brainpoolP256r1", "rsapss.key, RSA-PSS"})
    void caCertificatesWithUnsupportedKeysAreRefused(String keyFile, String named) throws Exception {
        Path cert = dir.resolve(keyFile + ".ca.pem");
        var result = Processes.run(List.of("openssl", "req", "-x509", "-key", dir.resolve(keyFile).toString(), "-subj", "/CN=odd-ca",
                "-days", "30", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                "-out", cert.toString()));
        assertThat(result.ok()).as(result.output()).isTrue();
        var certificate = Pem.readCertificates("certificatePem", Files.readString(cert)).get(0);
        var key = Pem.readPrivateKey("privateKeyPem", Files.readString(dir.resolve(keyFile)), null);
        assertThatThrownBy(() -> CaCertificateCheck.requireUsable("certificatePem", certificate, key, Instant.now()))
                .isInstanceOf(PolicyViolationException.class).hasMessageContaining(named);
        assertThatThrownBy(() -> IssuingAuthority.of(List.of(certificate), key))
                .isInstanceOf(PolicyViolationException.class).hasMessageContaining(named);
    }
}
